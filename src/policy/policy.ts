// The policy in force: every policy file that exists, combined so that the strictest outcome
// wins. Only the host file (root's, rolled out by configuration management) may relax a default;
// user, COMPOSE_GUARD_POLICY and project files can only tighten.
import path from 'node:path';
import { statSync } from 'node:fs';
import type { Env } from '../host.js';
import { parsePolicyFile, refuseWritableByOthers, type PolicyFile, type PolicySource, type Rule } from './file.js';
import { realFs, type ProjectFs } from '../host.js';
import { validatePolicy } from './validate.js';
import { readPolicyText, untrustedHostPath, type PolicyRead } from './trust.js';

export const HOST_POLICY = '/etc/compose-guard/policy.yaml';
export const PROJECT_POLICY = '.compose-guard.yaml';

/** What a tag gets: a rule, or `soft` (confirm at a terminal, a note otherwise). */
export type Outcome = Rule | 'soft';
const STRICTNESS: Record<Outcome, number> = { allow: 0, soft: 1, confirm: 2, block: 3 };
/** The tags every policy knows; a host file declares more under `rules:`. */
export const BUILTIN_TAGS = ['production', 'staging', 'ci', 'development'] as const;
export const DEFAULTS: Readonly<Record<string, Rule>> = { production: 'block', ci: 'allow' };

export interface Policy {
  files: PolicyFile[];
  /** Files that exist but cannot be used: destructive commands stop. */
  errors: string[];
}

export interface PolicyFs extends ProjectFs {
  /** The file's permission bits, or undefined when it does not exist. */
  mode(file: string): number | undefined;
  /** Reads a policy file and judges its trust (the real file system does; test doubles need not). */
  readPolicy?(file: string, source: PolicySource): PolicyRead;
}

export const realPolicyFs: PolicyFs = {
  ...realFs,
  mode(file) {
    try {
      return statSync(file).mode;
    } catch {
      return undefined;
    }
  },
  readPolicy(file, source) {
    const read = readPolicyText(file);
    if (read.state !== 'read' || source !== 'host') return read;
    const problem = untrustedHostPath(file);
    return problem ? { state: 'broken', reason: `${file}: refused: ${problem}; the host policy must be root's along its whole path` } : read;
  },
};

export function policyPaths(env: Env): Array<{ path: string; source: PolicySource }> {
  const configHome = env.XDG_CONFIG_HOME || path.join(env.HOME ?? '/', '.config');
  const paths: Array<{ path: string; source: PolicySource }> = [
    { path: HOST_POLICY, source: 'host' },
    { path: path.join(configHome, 'compose-guard', 'policy.yaml'), source: 'user' },
  ];
  if (env.COMPOSE_GUARD_POLICY) paths.push({ path: path.resolve(env.COMPOSE_GUARD_POLICY), source: 'env' });
  return paths;
}

export function readPolicyFile(file: string, source: PolicySource, fs: PolicyFs): PolicyFile | { error: string } | undefined {
  try {
    const read = fs.readPolicy ? fs.readPolicy(file, source) : readThrough(file, fs);
    if (read.state === 'absent') return undefined;
    if (read.state === 'broken') return { error: read.reason };
    refuseWritableByOthers(file, { mode: read.mode });
    return parsePolicyFile(read.text, file, source);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function readThrough(file: string, fs: PolicyFs): PolicyRead {
  const mode = fs.mode(file);
  if (mode === undefined) return { state: 'absent' };
  const text = fs.read(file);
  return text === undefined ? { state: 'broken', reason: `${file}: cannot be read` } : { state: 'read', text, mode };
}

function addFile(policy: Policy, loaded: PolicyFile | { error: string } | undefined): Policy {
  if (!loaded) return policy;
  if ('error' in loaded) return { ...policy, errors: [...policy.errors, loaded.error] };
  return { ...policy, files: [...policy.files, loaded] };
}

export function loadPolicy(env: Env, fs: PolicyFs = realPolicyFs): Policy {
  const seen = new Set<string>();
  let policy: Policy = { files: [], errors: [] };
  for (const { path: file, source } of policyPaths(env)) {
    if (seen.has(file)) continue;
    seen.add(file);
    policy = addFile(policy, readPolicyFile(file, source, fs));
  }
  return validatePolicy(policy);
}

/** Adds a project's `.compose-guard.yaml`, which can only tighten. */
export function withProjectPolicy(policy: Policy, projectDir: string | null | undefined, fs: PolicyFs = realPolicyFs): Policy {
  if (!projectDir) return policy;
  return validatePolicy(addFile(policy, readPolicyFile(path.join(projectDir, PROJECT_POLICY), 'project', fs)));
}

export function stricter(a: Outcome, b: Outcome): Outcome {
  return STRICTNESS[a] >= STRICTNESS[b] ? a : b;
}

/** What a tag gets before the files that can only tighten: the host file's rule, else the default. */
export function baselineFor(policy: Policy, tag: string): Outcome {
  const hostRule = policy.files.find((f) => f.source === 'host' && f.rules[tag])?.rules[tag];
  return hostRule ?? DEFAULTS[tag] ?? 'soft';
}

/** The outcome for one tag: the default, which the host file may replace; other files only tighten. */
export function outcomeFor(policy: Policy, tag: string): Outcome {
  let outcome: Outcome = baselineFor(policy, tag);
  for (const file of policy.files) {
    const rule = file.rules[tag];
    if (rule && file.source !== 'host') outcome = stricter(outcome, rule);
  }
  return outcome;
}

export function protectGlobs(policy: Policy): string[] {
  return [...new Set(policy.files.flatMap((f) => f.protect))];
}

/** The audit log: the host's choice, else COMPOSE_GUARD_POLICY's, else the user's. */
export function auditPath(policy: Policy): string | undefined {
  const order: PolicySource[] = ['host', 'env', 'user'];
  for (const source of order) {
    const file = policy.files.find((f) => f.source === source && f.audit);
    if (file?.audit) return file.audit;
  }
  return undefined;
}
