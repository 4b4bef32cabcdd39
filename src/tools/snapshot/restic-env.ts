// The environment restic runs with. restic reads a back-end's credentials from its environment
// (s3: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_DEFAULT_REGION, or
// AWS_PROFILE and AWS_SHARED_CREDENTIALS_FILE; b2:, azure:, gs:, swift: their own), so it gets the
// environment the command runs in, with `snapshots.environment-file`'s NAME=value lines on top:
// the host's policy names the repository, its password and, when it sets one, the identity used
// for it; a deploy shell's own cloud keys never replace those. The caller's RESTIC_* settings
// that would point restic at another repository or password are dropped.
import { readFileSync } from 'node:fs';
import type { Env } from '../../host.js';
import type { SnapshotPlace } from '../../policy/snapshots.js';

type Repository = NonNullable<SnapshotPlace['repository']>;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** The policy names the repository; an environment file may not name another. */
const POLICY_OWNED = new Set(['RESTIC_REPOSITORY', 'RESTIC_REPOSITORY_FILE']);

/**
 * An environment file's variables: NAME=value per line, `export ` allowed before the name, `#`
 * comments and blank lines skipped, one pair of matching quotes around a value removed (nothing
 * inside is interpreted). Anything else is an error naming file:line.
 */
export function parseEnvironmentFile(text: string, file: string): Record<string, string> {
  const vars: Record<string, string> = {};
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const at = `${file}:${index + 1}`;
    const eq = line.indexOf('=');
    const name = (eq < 0 ? line : line.slice(0, eq)).replace(/^export\s+/, '').trim();
    if (eq < 0 || !NAME.test(name)) throw new Error(`${at}: expected NAME=value, found ${JSON.stringify(line.length > 40 ? `${line.slice(0, 40)}…` : line)}`);
    if (POLICY_OWNED.has(name)) throw new Error(`${at}: ${name} cannot be set here; snapshots.repository names the repository`);
    let value = line.slice(eq + 1).trim();
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0]) value = value.slice(1, -1);
    vars[name] = value;
  });
  return vars;
}

/** What restic runs with for `repo`: `env`, the environment file on top, the policy's repository and password file last. */
export function resticEnvironment(repo: Repository, env: Env, read: (file: string) => string = (f) => readFileSync(f, 'utf8')): Record<string, string | undefined> {
  const fromFile = repo.environmentFile ? readEnvironmentFile(repo.environmentFile, read) : {};
  const dropped = new Set(['RESTIC_REPOSITORY_FILE', ...(repo.passwordFile ? ['RESTIC_PASSWORD', 'RESTIC_PASSWORD_COMMAND'] : [])]);
  const inherited = Object.fromEntries(Object.entries(env).filter(([k]) => !dropped.has(k)));
  return { ...inherited, ...fromFile, RESTIC_REPOSITORY: repo.url, ...(repo.passwordFile ? { RESTIC_PASSWORD_FILE: repo.passwordFile } : {}) };
}

function readEnvironmentFile(file: string, read: (file: string) => string): Record<string, string> {
  let text: string;
  try {
    text = read(file);
  } catch (error) {
    throw new Error(`snapshots.environment-file ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parseEnvironmentFile(text, file);
}

/** Where restic's credentials came from, for messages. */
export function credentialSource(repo: Repository): string {
  return repo.environmentFile ? `the environment and ${repo.environmentFile}` : 'the environment';
}
