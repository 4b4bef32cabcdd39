// The cache of Compose versions, one small JSON file in the user's own state folder. A cache
// that cannot be trusted (not the user's, writable by others, too big, not the expected shape)
// is ignored: the binary is asked again and nothing is written over it.
import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Env } from '../host.js';
import { stateDir } from '../policy/permits.js';

/** Cache key (resolved path|size|mtime|inode) to version. */
export type VersionCache = Record<string, string>;

const MAX_BYTES = 64 * 1024;
const MAX_ENTRIES = 32;
const FILE = 'compose-versions.json';

export function versionCacheFile(env: Env): string {
  return path.join(stateDir(env), FILE);
}

function uid(): number {
  return typeof process.geteuid === 'function' ? process.geteuid() : -1;
}

/** Owned by us and writable by nobody else. */
function trusted(st: { uid: number; mode: number }): boolean {
  return st.uid === uid() && (st.mode & 0o022) === 0;
}

export function readVersionCache(env: Env): VersionCache | undefined {
  const file = versionCacheFile(env);
  let fd: number;
  try {
    if (!trusted(statSync(path.dirname(file)))) return undefined;
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || !trusted(st) || st.size > MAX_BYTES) return undefined;
    const buffer = Buffer.alloc(st.size);
    const n = readSync(fd, buffer, 0, st.size, 0);
    const parsed: unknown = JSON.parse(buffer.subarray(0, n).toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    const entries = Object.entries(parsed as Record<string, unknown>);
    if (!entries.every(([, v]) => typeof v === 'string' && /^\d+\.\d+\.\d+$/.test(v))) return undefined;
    return Object.fromEntries(entries) as VersionCache;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** Best effort: a cache that cannot be written only costs a process start next time. */
export function writeVersionCache(env: Env, cache: VersionCache): void {
  const file = versionCacheFile(env);
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    if (!trusted(statSync(path.dirname(file)))) return;
    const existing = statSync(file, { throwIfNoEntry: false });
    if (existing && !trusted(existing)) return;
    const kept = Object.entries(cache).slice(-MAX_ENTRIES);
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(Object.fromEntries(kept))}\n`, { mode: 0o600 });
    renameSync(temp, file);
  } catch {
    // ignored: see above
  }
}
