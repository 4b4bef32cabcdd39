// The judge's side of the grant: when it lets a volume-destroying command go ahead, it tells the
// plugin on this host which volumes that command will delete, so the engine lets exactly those
// deletions through. Never slows or breaks a command: no socket (no plugin) costs one stat, and
// a plugin that does not answer within the deadline is given up on.
import { existsSync } from 'node:fs';
import type { Judgement } from '../judge.js';
import type { Env } from '../host.js';
import type { GrantRequest } from './plugin/grants.js';
import { grantSeconds, grantSocketPath } from './plugin/settings.js';

export const GRANT_DEADLINE_MS = 500;
export const NO_DAEMON = 'no compose-guard daemon on this host';

/** What the judge names for the plugin: exactly the volumes and containers of this command. */
export function grantFor(j: Judgement, env: Env, user: string): GrantRequest {
  const kinds = new Set(j.analysis.operations.map((o) => o.kind));
  return {
    volumes: [...new Set([...j.resolution.volumes.map((v) => v.name), ...j.resolution.anonymousVolumes])],
    containers: [...new Set(j.analysis.operations.flatMap((o) => o.containers ?? []))],
    prune: kinds.has('volume-prune') || kinds.has('system-prune-volumes'),
    seconds: grantSeconds(env),
    argv: [j.analysis.tool, ...j.analysis.argv],
    user,
  };
}

export type GrantOutcome = { registered: true; id: number } | { registered: false; why: string };

export async function registerGrant(request: GrantRequest, env: Env, deadlineMs = GRANT_DEADLINE_MS): Promise<GrantOutcome> {
  const socketPath = grantSocketPath(env);
  if (!existsSync(socketPath)) return { registered: false, why: NO_DAEMON };
  const { connect } = process.getBuiltinModule('node:net');
  return new Promise((resolve) => {
    const socket = connect(socketPath);
    let reply = '';
    const finish = (outcome: GrantOutcome) => {
      socket.destroy();
      resolve(outcome);
    };
    socket.setTimeout(deadlineMs, () => finish({ registered: false, why: `the daemon did not answer within ${deadlineMs} ms` }));
    socket.on('connect', () => socket.write(`${JSON.stringify(request)}\n`));
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString('utf8');
      if (!reply.includes('\n')) return;
      try {
        const answer = JSON.parse(reply) as { ok?: boolean; id?: number; error?: string };
        finish(answer.ok && typeof answer.id === 'number' ? { registered: true, id: answer.id } : { registered: false, why: answer.error ?? 'refused' });
      } catch {
        finish({ registered: false, why: 'an unreadable answer' });
      }
    });
    socket.on('error', (error) => finish({ registered: false, why: error.message }));
    socket.on('close', () => finish({ registered: false, why: 'the daemon closed the connection' }));
  });
}
