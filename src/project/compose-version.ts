// Which Compose a command will run: v1 or v2, plugin or standalone, and v2's version. The bytes
// tell the generation (never "ELF means v2"); the version is asked of the binary once
// (`version --short`, bounded by the caller) and cached keyed by its resolved path, size, mtime
// and inode, so a judged command pays no process start once the binary is known.
import { realpathSync, statSync } from 'node:fs';
import type { Env } from '../host.js';
import { sniffComposeBinary } from './compose-binary.js';
import { readVersionCache, writeVersionCache } from './version-cache.js';

export type ComposeGenerationKnown = 'v1' | 'v2' | 'unknown';

export interface ComposeRelease {
  generation: ComposeGenerationKnown;
  /** `2.40.3`, `1.29.2`; null when it could not be told. */
  version: string | null;
  /** How it was known: the bytes, the binary's answer, the cache, or why not. */
  how: 'python-script' | 'pyinstaller' | 'asked' | 'cached' | 'no-binary' | 'no-answer' | 'not-compose';
  plugin: boolean;
  /** The resolved path of the binary that runs. */
  binary: string | null;
}

/** Runs `<binary> version --short` bounded in time and size; undefined when it gives no answer. */
export type AskVersion = (binary: string) => string | undefined;

export interface DetectInputs {
  binary: string | undefined;
  plugin: boolean;
  env: Env;
  ask: AskVersion;
  /** Write what the binary answered to the cache (false where nothing may change on disk). */
  remember?: boolean;
}

const VERSION = /^v?(\d+\.\d+\.\d+)/;

export function parseVersion(answer: string | undefined): string | null {
  const match = VERSION.exec((answer ?? '').trim());
  return match ? (match[1] as string) : null;
}

export function cacheKey(resolved: string): string | undefined {
  try {
    const st = statSync(resolved);
    return `${resolved}|${st.size}|${Math.trunc(st.mtimeMs)}|${st.ino}`;
  } catch {
    return undefined;
  }
}

/** A binary whose version is not cached: what is needed to settle it once it answers. */
export interface PendingRelease {
  binary: string;
  generation: 'v1' | 'v2';
  kind: 'v1-pyinstaller' | 'native';
  key: string | undefined;
  plugin: boolean;
}

/** What the bytes and the cache tell without starting anything; a pending release must be asked. */
export function knownCompose({ binary, plugin, env }: Omit<DetectInputs, 'ask'>): ComposeRelease | PendingRelease {
  const unknown = (how: ComposeRelease['how'], resolved: string | null = null): ComposeRelease => ({ generation: 'unknown', version: null, how, plugin, binary: resolved });
  if (!binary) return unknown('no-binary');
  let resolved: string;
  try {
    resolved = realpathSync(binary);
  } catch {
    return unknown('no-binary');
  }
  const kind = sniffComposeBinary(resolved);
  if (kind === 'unknown') return unknown('not-compose', resolved);
  if (kind === 'v1-script') return { generation: 'v1', version: null, how: 'python-script', plugin, binary: resolved };
  const generation = kind === 'v1-pyinstaller' ? 'v1' : 'v2';
  const key = cacheKey(resolved);
  const cached = key ? readVersionCache(env)?.[key] : undefined;
  if (cached) return { generation, version: cached, how: 'cached', plugin, binary: resolved };
  return { binary: resolved, generation, kind, key, plugin };
}

export function isPending(detected: ComposeRelease | PendingRelease): detected is PendingRelease {
  return 'kind' in detected;
}

/** The release once the binary answered (or did not); the answer is cached unless told not to. */
export function settleCompose(pending: PendingRelease, answer: string | undefined, env: Env, remember = true): ComposeRelease {
  const { binary, generation, kind, key, plugin } = pending;
  const version = parseVersion(answer);
  if (!version) return { generation: kind === 'v1-pyinstaller' ? 'v1' : 'unknown', version: null, how: kind === 'v1-pyinstaller' ? 'pyinstaller' : 'no-answer', plugin, binary };
  // A binary whose bytes say v1 but answers 2.x (or the reverse) is not trusted either way.
  if ((generation === 'v1') !== version.startsWith('1.')) return { generation: 'unknown', version: null, how: 'not-compose', plugin, binary };
  if (key && remember) writeVersionCache(env, { ...(readVersionCache(env) ?? {}), [key]: version });
  return { generation, version, how: kind === 'v1-pyinstaller' ? 'pyinstaller' : 'asked', plugin, binary };
}

/** Both steps at once, asking synchronously. */
export function detectCompose({ binary, plugin, env, ask, remember = true }: DetectInputs): ComposeRelease {
  const known = knownCompose({ binary, plugin, env });
  return isPending(known) ? settleCompose(known, ask(known.binary), env, remember) : known;
}
