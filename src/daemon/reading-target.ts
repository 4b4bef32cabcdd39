// The daemon one reading of a command addresses. Compose v1 finds it by its own order
// (target.ts resolveTargetV1) and reads its DOCKER_* settings from the project's `.env` too (the
// process environment wins), so a `.env` holding `DOCKER_HOST=ssh://prod` sends
// `docker-compose down -v` to prod.
import path from 'node:path';
import type { CommandAnalysis } from '../grammar/command.js';
import type { Env, ProjectFs } from '../host.js';
import { parseDotenv } from '../project/dotenv.js';
import { resolveTarget, resolveTargetV1, type DaemonTarget } from './target.js';

/** What Compose v1 takes from its `.env` to reach the engine (requests' CA bundles it takes from the process only). */
const TARGET_KEYS = ['DOCKER_HOST', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'COMPOSE_TLS_VERSION'] as const;

export function readingTarget(analysis: CommandAnalysis, env: Env, cwd: string, fs: ProjectFs): DaemonTarget {
  const readEnv = readingEnv(analysis, env, cwd, fs);
  return analysis.compose?.generation === 'v1' ? resolveTargetV1(analysis.target, readEnv, fs) : resolveTarget(analysis.target, readEnv, fs);
}

/** The settings that reading reaches its daemon with (for v1, with its DOCKER_* settings from `.env` too). */
export function readingEnv(analysis: CommandAnalysis, env: Env, cwd: string, fs: ProjectFs): Env {
  const inv = analysis.compose;
  if (inv?.generation !== 'v1') return env;
  const dotenv = v1DotenvTarget(inv.projectDirectory, inv.files, inv.envFiles, cwd, env, fs);
  return Object.keys(dotenv).length === 0 ? env : { ...dotenv, ...definedOnly(env) };
}

/** v1: --env-file (from the current folder, as Compose v1 takes it), else `.env` under --project-directory, else the first -f file's folder, else cwd. */
function v1DotenvTarget(projectDir: string | undefined, files: readonly string[], envFiles: readonly string[], cwd: string, env: Env, fs: ProjectFs): Env {
  const first = files[0] ?? env.COMPOSE_FILE?.split(env.COMPOSE_PATH_SEPARATOR ?? ':')[0];
  const base = path.resolve(cwd, projectDir ?? (first && first !== '-' ? path.dirname(first) : '.'));
  const envFile = envFiles.at(-1);
  const file = envFile ? path.resolve(cwd, envFile) : path.join(base, '.env');
  const text = fs.read(file);
  if (text === undefined) return {};
  try {
    const values = parseDotenv(text, (name) => env[name]);
    return Object.fromEntries(TARGET_KEYS.flatMap((k) => (values.has(k) ? [[k, values.get(k)]] : [])));
  } catch {
    return {};
  }
}

function definedOnly(env: Env): Env {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined));
}
