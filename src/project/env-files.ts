// The environment a compose project is read with: env files (`--env-file`, COMPOSE_ENV_FILES,
// or the project directory's `.env`) under the process environment, which always wins.
import path from 'node:path';
import type { ComposeGeneration, ComposeInvocation } from '../grammar/command.js';
import { parseDotenv } from './dotenv.js';
import { GuardError } from '../errors.js';
import type { Env, ProjectFs } from '../host.js';
import { parseGoBool } from '../grammar/pflag.js';

/**
 * Reads env files into one map, later files overriding earlier ones. `${A}` takes the process
 * environment first; then v2 takes the file's own A before earlier files', v1 its own only after.
 */
export function readEnvFiles(files: readonly string[], processEnv: Env, fs: ProjectFs, generation: ComposeGeneration = 'v2'): Map<string, string> {
  const merged = new Map<string, string>();
  for (const file of files) {
    const text = fs.read(file);
    if (text === undefined) throw new GuardError('COMPOSE_FILE', `couldn't find env file: ${file}`);
    const parsed = generation === 'v2'
      ? parseDotenv(text, (name) => merged.get(name), (name) => processEnv[name])
      : parseDotenv(text, (name) => processEnv[name] ?? merged.get(name));
    for (const [k, v] of parsed) merged.set(k, v);
  }
  return merged;
}

/** Which env files apply, given the directory whose `.env` is the default. */
export function envFilesFor(inv: ComposeInvocation, processEnv: Env, cwd: string, defaultDir: string, fs: ProjectFs): string[] {
  if (inv.envFiles.length > 0) return inv.envFiles.map((f) => path.resolve(cwd, f));
  const listed = processEnv.COMPOSE_ENV_FILES;
  if (listed) return listed.split(',').filter(Boolean).map((f) => path.resolve(cwd, f));
  const disabled = processEnv.COMPOSE_DISABLE_ENV_FILE;
  if (disabled && parseGoBool(disabled) === true) return [];
  const dotenv = path.join(defaultDir, '.env');
  return fs.isFile(dotenv) ? [dotenv] : [];
}

export function overlay(processEnv: Env, fileValues: Map<string, string>): Env {
  const values: Record<string, string | undefined> = Object.fromEntries(fileValues);
  for (const [k, v] of Object.entries(processEnv)) if (v !== undefined) values[k] = v;
  return values;
}
