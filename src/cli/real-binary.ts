// Finding the real program behind a shim: the next one on PATH that is not a compose-guard shim,
// compared by resolved path so a shim folder listed twice or reached by a symlink cannot recur.
import { closeSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Env } from '../host.js';
import type { WrappedGeneration } from '../grammar/analyze.js';
import { sniffComposeBinary } from '../project/compose-binary.js';

/** A file in a folder of shims: the installer puts it there. */
export const SHIM_FOLDER_MARKER = '.compose-guard-shims';
/** A line every shim carries. */
export const SHIM_MARKER = 'compose-guard-shim';

export function overrideVariable(name: string): string {
  return `COMPOSE_GUARD_REAL_${name.toUpperCase().replace(/-/g, '_')}`;
}

function head(file: string, bytes: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

export function isShim(file: string): boolean {
  try {
    if (statSync(path.join(path.dirname(file), SHIM_FOLDER_MARKER), { throwIfNoEntry: false })) return true;
    return head(file, 256).toString('latin1').includes(SHIM_MARKER);
  } catch {
    return false;
  }
}

export function isExecutableFile(file: string): boolean {
  try {
    const st = statSync(file);
    return st.isFile() && (st.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

/** The first executable `name` on a PATH, shim or not. */
export function firstOnPath(name: string, searchPath: string): string | undefined {
  return searchPath.split(':').map((d) => path.join(d || '.', name)).find(isExecutableFile);
}

/**
 * What is wrong with the program a COMPOSE_GUARD_REAL_* variable names, or undefined when it is a
 * real program. A shim is refused: the variable is inherited, so it would run itself forever.
 */
export function explicitRealProblem(name: string, env: Env): string | undefined {
  const variable = overrideVariable(name);
  const explicit = env[variable];
  if (!explicit) return undefined;
  if (!path.isAbsolute(explicit)) return `${variable}=${explicit} is not an absolute path`;
  if (!isExecutableFile(explicit)) return `${variable} points to ${explicit}, which is not an executable file`;
  if (isShim(explicit) || isShim(realpathSync(explicit))) return `${variable}=${explicit} names a compose-guard shim, not the real ${name}`;
  return undefined;
}

export function findRealBinary(name: string, env: Env): string | undefined {
  const explicit = env[overrideVariable(name)];
  if (explicit) return explicitRealProblem(name, env) === undefined ? explicit : undefined;
  const seen = new Set<string>();
  for (const dir of (env.PATH ?? '').split(':')) {
    const candidate = path.join(dir || '.', name);
    if (!isExecutableFile(candidate)) continue;
    const resolved = realpathSync(candidate);
    if (seen.has(resolved)) continue;
    seen.add(resolved);
    if (!isShim(candidate) && !isShim(resolved)) return candidate;
  }
  return undefined;
}

/**
 * Which generation `docker-compose` is, from a bounded read of its bytes: v1's Python script or
 * its PyInstaller-built release binary (an ELF file too), else a native binary (v2).
 */
export function composeGeneration(file: string | undefined): WrappedGeneration {
  if (!file) return 'unknown';
  const kind = sniffComposeBinary(file);
  return kind === 'v1-script' || kind === 'v1-pyinstaller' ? 'v1' : kind === 'native' ? 'v2' : 'unknown';
}
