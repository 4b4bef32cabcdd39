// One policy file: read, refused when others can write it, parsed, and checked against the
// schema (schema/policy.schema.json) with `file:line:col` for every mistake.
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node, type YAMLMap } from 'yaml';
import { describeYamlError } from '../project/yaml.js';
import { GuardError } from '../errors.js';

export type Rule = 'block' | 'confirm' | 'allow';
export const RULES: readonly Rule[] = ['block', 'confirm', 'allow'];

/** Where a policy file sits: its place decides what it may do. */
export type PolicySource = 'host' | 'user' | 'env' | 'project';

export interface PolicyFile {
  path: string;
  source: PolicySource;
  environment?: string;
  hosts: Record<string, string>;
  targets: Record<string, string>;
  rules: Partial<Record<string, Rule>>;
  protect: string[];
  audit?: string;
}

export const POLICY_KEYS = ['$schema', 'environment', 'hosts', 'targets', 'rules', 'protect', 'audit'] as const;

export interface FileStat {
  mode: number;
}

export function refuseWritableByOthers(path: string, stat: FileStat): void {
  if ((stat.mode & 0o022) !== 0) {
    throw new GuardError('POLICY', `${path}: refused: writable by group or others (mode ${(stat.mode & 0o777).toString(8)}); run chmod go-w ${path}`);
  }
}

export function parsePolicyFile(text: string, path: string, source: PolicySource): PolicyFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const at = (node: Node | null | undefined): string => {
    const pos = node?.range ? lines.linePos(node.range[0]) : undefined;
    return pos ? `${path}:${pos.line}:${pos.col}` : path;
  };
  const fail = (node: Node | null | undefined, message: string): never => {
    throw new GuardError('POLICY', `${at(node)}: ${message}`);
  };
  const yamlError = doc.errors[0];
  if (yamlError) throw new GuardError('POLICY', describeYamlError(yamlError, path));
  const policy: PolicyFile = { path, source, hosts: {}, targets: {}, rules: {}, protect: [] };
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return policy;
  if (!isMap(root)) return fail(root, 'a policy is a mapping of keys such as environment, rules, protect');

  const text_ = (node: unknown, what: string): string => {
    if (!isScalar(node) || typeof node.value !== 'string' || node.value === '') return fail(node as Node, `${what} must be a non-empty string`);
    return node.value;
  };
  const mapping = (node: unknown, what: string, value: (v: unknown, key: string) => void): void => {
    if (!isMap(node)) return fail(node as Node, `${what} must be a mapping`);
    for (const pair of (node as YAMLMap).items) value(pair.value, text_(pair.key, `a key of ${what}`));
  };

  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value;
    switch (key) {
      case '$schema':
        text_(value, '$schema');
        break;
      case 'environment':
        policy.environment = text_(value, 'environment');
        break;
      case 'hosts':
        mapping(value, 'hosts', (v, glob) => { policy.hosts[glob] = text_(v, `hosts."${glob}"`); });
        break;
      case 'targets':
        mapping(value, 'targets', (v, glob) => { policy.targets[glob] = text_(v, `targets."${glob}"`); });
        break;
      case 'rules':
        mapping(value, 'rules', (v, tag) => {
          const rule = text_(v, `rules.${tag}`);
          if (!RULES.includes(rule as Rule)) fail(v as Node, `rules.${tag} must be one of ${RULES.join(', ')} (not "${rule}")`);
          policy.rules[tag] = rule as Rule;
        });
        break;
      case 'protect':
        if (!isSeq(value)) fail(value as Node, 'protect must be a list of volume-name globs');
        for (const item of (value as { items: unknown[] }).items) policy.protect.push(text_(item, 'a protect entry'));
        break;
      case 'audit':
        policy.audit = text_(value, 'audit');
        break;
      default:
        fail(pair.key as Node, `unknown key "${key}" (known: ${POLICY_KEYS.filter((k) => k !== '$schema').join(', ')})`);
    }
  }
  return policy;
}
