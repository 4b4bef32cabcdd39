// The daemon one reading of a command addresses. Compose v1 reads DOCKER_HOST and DOCKER_CONTEXT
// from the project's `.env` too (the process environment wins), so a `.env` holding
// `DOCKER_HOST=ssh://prod` sends `docker-compose down -v` to prod.
import path from 'node:path';
import type { CommandAnalysis } from '../grammar/command.js';
import type { Env, ProjectFs } from '../host.js';
import { parseDotenv } from '../project/dotenv.js';
import { resolveTarget, type DaemonTarget } from './target.js';

const TARGET_KEYS = ['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH'] as const;

export function readingTarget(analysis: CommandAnalysis, env: Env, cwd: string, fs: ProjectFs): DaemonTarget {
  return resolveTarget(analysis.target, readingEnv(analysis, env, cwd, fs), fs);
}

/** The settings that reading reaches its daemon with (for v1, with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH from `.env` too). */
export function readingEnv(analysis: CommandAnalysis, env: Env, cwd: string, fs: ProjectFs): Env {
  const inv = analysis.compose;
  if (inv?.generation !== 'v1') return env;
  const dotenv = v1DotenvTarget(inv.projectDirectory, inv.files, inv.envFiles, cwd, env, fs);
  return Object.keys(dotenv).length === 0 ? env : { ...dotenv, ...definedOnly(env) };
}

/** v1: `.env` (or --env-file) under --project-directory, else the first -f file's folder, else cwd. */
function v1DotenvTarget(projectDir: string | undefined, files: readonly string[], envFiles: readonly string[], cwd: string, env: Env, fs: ProjectFs): Env {
  const first = files[0] ?? env.COMPOSE_FILE?.split(env.COMPOSE_PATH_SEPARATOR ?? ':')[0];
  const base = path.resolve(cwd, projectDir ?? (first && first !== '-' ? path.dirname(first) : '.'));
  const file = path.resolve(base, envFiles.at(-1) ?? '.env');
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
