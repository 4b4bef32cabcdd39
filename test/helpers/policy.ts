// Builds policies from YAML text for pure tests, without files.
import { parsePolicyFile, type PolicySource } from '../../src/policy/file.js';
import type { Policy } from '../../src/policy/policy.js';

export function policyOf(...files: Array<[PolicySource, string]>): Policy {
  return { files: files.map(([source, text], i) => parsePolicyFile(text, `/${source}-${i}.yaml`, source)), errors: [] };
}
