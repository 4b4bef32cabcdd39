// The grant socket: one JSON line in (a GrantRequest), one JSON line out, then the connection
// closes. Bounded in size and time; the socket is root's, readable and writable by the group
// that may use the engine (docker), the same people who can reach the engine itself.
import { chmodSync, chownSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { parseGrantRequest, type Grant, type GrantStore } from './grants.js';

export const MAX_GRANT_BYTES = 64 * 1024;
const IDLE_MS = 2000;

export function createGrantServer(store: GrantStore, log: (line: string) => void, onGrant?: (g: Grant) => void): Server {
  return createServer((socket) => {
    let buffered = '';
    let done = false;
    const answer = (body: unknown) => {
      done = true;
      socket.end(`${JSON.stringify(body)}\n`);
    };
    socket.setEncoding('utf8');
    socket.setTimeout(IDLE_MS, () => socket.destroy());
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: string) => {
      if (done) return;
      buffered += chunk;
      if (buffered.length > MAX_GRANT_BYTES) {
        answer({ ok: false, error: `a grant is at most ${MAX_GRANT_BYTES} bytes` });
        return;
      }
      const newline = buffered.indexOf('\n');
      if (newline < 0) return;
      try {
        const request = parseGrantRequest(JSON.parse(buffered.slice(0, newline)));
        const grant = store.add(request);
        if (!grant) {
          log('refused a grant: too many live grants');
          answer({ ok: false, error: 'too many live grants' });
          return;
        }
        onGrant?.(grant);
        answer({ ok: true, id: grant.id, expiresAt: new Date(grant.expiresAt).toISOString() });
      } catch (error) {
        answer({ ok: false, error: error instanceof Error ? error.message : String(error) });
      }
    });
  });
}

/** The gid of a group in /etc/group, when it exists. */
export function groupId(name: string, groupFile = '/etc/group'): number | undefined {
  try {
    const line = readFileSync(groupFile, 'utf8').split('\n').find((l) => l.split(':')[0] === name);
    const gid = Number(line?.split(':')[2]);
    return line && Number.isInteger(gid) ? gid : undefined;
  } catch {
    return undefined;
  }
}

/** Root and the group may register grants; nobody else. */
export function restrictSocket(file: string, group: string | undefined): string {
  const gid = group ? groupId(group) : undefined;
  if (gid !== undefined) {
    try {
      chownSync(file, 0, gid);
      chmodSync(file, 0o660);
      return `root:${group} 0660`;
    } catch {
      // not root: keep the owner, still private
    }
  }
  chmodSync(file, 0o600);
  return 'owner only (0600)';
}
