// The engine a command addresses, reached the way docker would reach it: the TLS docker would use
// for the target (src/daemon/engine-tls.ts), ssh:// through ssh.
import type { DaemonTarget } from '../daemon/target.js';
import { targetTls } from '../daemon/engine-tls.js';
import { engineDialer } from './engine-dial.js';
import { streamEngine, type StreamEngine } from './engine-stream.js';

type Env = Record<string, string | undefined>;

export function engineFor(target: DaemonTarget, env: Env): StreamEngine {
  if (!target.endpoint) throw new Error(`the engine of context ${target.context} has no endpoint compose-guard can reach`);
  const tls = target.endpoint.startsWith('tcp://') ? targetTls(target, env) : undefined;
  return streamEngine(target.endpoint, engineDialer(target.endpoint, tls, env));
}
