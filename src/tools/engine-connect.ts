// The engine a command addresses, reached the way docker would reach it: the TLS material of
// DOCKER_TLS_VERIFY / DOCKER_TLS and DOCKER_CERT_PATH for an address given directly, a context's
// own TLS material (and its SkipTLSVerify) for a context, ssh:// through ssh.
import { existsSync, readFileSync } from 'node:fs';
import { configDir, contextFiles, type DaemonTarget } from '../daemon/target.js';
import { engineDialer, envTls, tlsFiles, type TlsMaterial } from './engine-dial.js';
import { streamEngine, type StreamEngine } from './engine-stream.js';

type Env = Record<string, string | undefined>;

/** The TLS docker would use for this target, if any. */
export function targetTls(target: DaemonTarget, env: Env): TlsMaterial | undefined {
  const dir = configDir({}, env);
  if (target.context === 'default' || target.context === 'unknown') return envTls(env, dir);
  const files = contextFiles(dir, target.context);
  if (!existsSync(files.tls)) return undefined;
  let skip = false;
  try {
    const meta = JSON.parse(readFileSync(files.meta, 'utf8')) as { Endpoints?: { docker?: { SkipTLSVerify?: boolean } } };
    skip = meta.Endpoints?.docker?.SkipTLSVerify === true;
  } catch { /* no meta: verify */ }
  return tlsFiles(files.tls, !skip, `context ${target.context}`);
}

export function engineFor(target: DaemonTarget, env: Env): StreamEngine {
  if (!target.endpoint) throw new Error(`the engine of context ${target.context} has no endpoint compose-guard can reach`);
  const tls = target.endpoint.startsWith('tcp://') ? targetTls(target, env) : undefined;
  return streamEngine(target.endpoint, engineDialer(target.endpoint, tls, env));
}
