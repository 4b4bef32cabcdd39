// The host's policy file. This first version reads one key, `environment:`, from the first file
// found: COMPOSE_GUARD_POLICY, /etc/compose-guard/policy.yaml, then the user's config folder.
import path from 'node:path';
import type { Env } from './compose-env.js';
import { isRecord, parseComposeYaml } from './compose-yaml.js';
import { GuardError } from './errors.js';
import type { ProjectFs } from './project-fs.js';

export interface Policy {
  /** The host's tag, e.g. `production`, `ci`, `staging`. */
  environment?: string;
  /** The file it came from; undefined when no policy file exists. */
  source?: string;
  /** Why the policy could not be used: destructive commands then stop. */
  error?: string;
}

export function policyPaths(env: Env): string[] {
  const explicit = env.COMPOSE_GUARD_POLICY;
  if (explicit) return [explicit];
  const configHome = env.XDG_CONFIG_HOME || path.join(env.HOME ?? '/', '.config');
  return ['/etc/compose-guard/policy.yaml', path.join(configHome, 'compose-guard', 'policy.yaml')];
}

export function loadPolicy(env: Env, fs: ProjectFs): Policy {
  for (const file of policyPaths(env)) {
    const text = fs.read(file);
    if (text === undefined) continue;
    try {
      return { ...parsePolicy(text, file), source: file };
    } catch (error) {
      return { source: file, error: error instanceof Error ? error.message : String(error) };
    }
  }
  return {};
}

export function parsePolicy(text: string, file: string): Policy {
  const raw = parseComposeYaml(text, file) ?? {};
  if (!isRecord(raw)) throw new GuardError('POLICY', `${file}: a policy is a mapping`);
  const environment = raw.environment;
  if (environment !== undefined && typeof environment !== 'string') {
    throw new GuardError('POLICY', `${file}: environment must be a string`);
  }
  return { environment };
}
