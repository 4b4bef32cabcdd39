// The CLI's side of knowing which Compose runs a command: where the binary is (the plugin the
// docker CLI would pick, or the real `docker-compose`), and asking it its version once, bounded
// in time and output, in a clean environment, while the judge goes on resolving.
import { closeSync, mkdirSync, openSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { versionCacheFile } from '../project/version-cache.js';
import type { CommandAnalysis, Tool } from '../grammar/command.js';
import type { Env } from '../host.js';
import { findComposePlugin } from '../project/compose-plugin.js';
import { isPending, knownCompose, settleCompose, type ComposeRelease } from '../project/compose-version.js';

export const ASK_TIMEOUT_MS = 1000;
export const ASK_MAX_BYTES = 4096;

/** `<binary> version --short`; undefined for no answer in time, too much output, or a failure. */
export function askVersion(binary: string): Promise<string | undefined> {
  // Loaded here: most judgements find the version in the cache and start no program.
  const { execFile } = process.getBuiltinModule('node:child_process');
  return new Promise((resolve) => {
    execFile(binary, ['version', '--short'], {
      // No DOCKER_CLI_PLUGIN_* variables: a plugin run directly answers as a standalone program.
      env: { PATH: '/usr/local/bin:/usr/bin:/bin', LANG: 'C' },
      encoding: 'utf8',
      timeout: ASK_TIMEOUT_MS,
      killSignal: 'SIGKILL',
      maxBuffer: ASK_MAX_BYTES,
    }, (error, stdout) => resolve(error ? undefined : stdout));
  });
}

/** A lock older than this was left by a judge that died while asking. */
const STALE_LOCK_MS = 5 * ASK_TIMEOUT_MS;

/**
 * One ask at a time per user: many judged commands at once (a script, a CI fan-out) must not start
 * as many Compose binaries. Returns the release function, or undefined while another judge asks.
 */
function askLock(env: Env): (() => void) | undefined {
  const lock = `${versionCacheFile(env)}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      mkdirSync(path.dirname(lock), { recursive: true, mode: 0o700 });
      closeSync(openSync(lock, 'wx', 0o600));
      return () => {
        try {
          unlinkSync(lock);
        } catch {
          // gone already
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return () => undefined;
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0);
      if (age < STALE_LOCK_MS) return undefined;
      try {
        unlinkSync(lock);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * The detector the judge calls for a compose command it must judge: at once when the bytes or
 * the cache tell, else a promise settled when the binary answers.
 */
export function composeDetector(tool: Tool, realBinary: string | undefined, env: Env, remember: boolean) {
  return (analysis: CommandAnalysis): ComposeRelease | Promise<ComposeRelease> => {
    const binary = tool === 'docker' ? findComposePlugin(env, analysis.target.configDir) : realBinary;
    const known = knownCompose({ binary, plugin: tool === 'docker', env });
    if (!isPending(known)) return known;
    const release = remember ? askLock(env) : () => undefined;
    // Another judge is asking right now: this one reads the command by every version's rules.
    if (!release) return settleCompose(known, undefined, env, false);
    return askVersion(known.binary).then((answer) => settleCompose(known, answer, env, remember)).finally(release);
  };
}
