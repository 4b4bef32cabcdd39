// The grant socket over a real unix socket: one JSON line in, one out, bounded in size and time.
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { connect, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGrantServer, groupId, MAX_GRANT_BYTES, restrictSocket } from '../../../src/daemon/plugin/grant-server.js';
import { GrantStore, MAX_GRANTS, type Grant } from '../../../src/daemon/plugin/grants.js';

const dir = () => mkdtempSync(path.join(tmpdir(), 'cg-grant-server-'));
let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

async function start(store: GrantStore, onGrant?: (g: Grant) => void) {
  const logged: string[] = [];
  const socketPath = path.join(dir(), 'grants.sock');
  server = createGrantServer(store, (l) => logged.push(l), onGrant);
  await new Promise<void>((resolve) => server?.listen(socketPath, resolve));
  return { socketPath, logged };
}

/** Writes `parts` in turn and reads until the server closes; '' when it closes without a word. */
function exchange(socketPath: string, ...parts: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => { answer += d; });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.on('connect', () => {
      for (const p of parts) socket.write(p);
    });
  });
}

const NOW = Date.parse('2026-11-24T12:00:00Z');

describe('the grant socket', () => {
  it('stores a grant and answers its id and expiry, one line, then closes', async () => {
    const store = new GrantStore(() => NOW);
    const granted: Grant[] = [];
    const { socketPath } = await start(store, (g) => granted.push(g));
    const answer = await exchange(socketPath, `${JSON.stringify({ volumes: ['shop_db'], seconds: 10, argv: ['docker', 'volume', 'rm', 'shop_db'], user: 'ann' })}\n`);
    expect(answer).toBe(`${JSON.stringify({ ok: true, id: 1, expiresAt: '2026-11-24T12:00:10.000Z' })}\n`);
    expect(granted.map((g) => [g.id, g.volumes, g.user])).toEqual([[1, ['shop_db'], 'ann']]);
  });

  it('waits for the whole line, however it arrives', async () => {
    const { socketPath } = await start(new GrantStore(() => NOW));
    const answer = await exchange(socketPath, '{"volumes":', '["a"]', '}\nignored after the line');
    expect(JSON.parse(answer)).toMatchObject({ ok: true, id: 1 });
  });

  it.each([
    ['not JSON', 'nope\n', /JSON/],
    ['not an object', '[1]\n', /a grant is a JSON object/],
    ['names that are not text', '{"volumes":[1]}\n', /volumes: at most/],
  ])('refuses %s with a reason', async (_, line, error) => {
    const { socketPath } = await start(new GrantStore(() => NOW));
    const answer = JSON.parse(await exchange(socketPath, line));
    expect(answer.ok).toBe(false);
    expect(answer.error).toMatch(error);
  });

  it('refuses a line longer than the bound without waiting for its end', async () => {
    const { socketPath } = await start(new GrantStore(() => NOW));
    const answer = JSON.parse(await exchange(socketPath, 'x'.repeat(MAX_GRANT_BYTES + 1)));
    expect(answer).toEqual({ ok: false, error: `a grant is at most ${MAX_GRANT_BYTES} bytes` });
  });

  it('refuses and logs when the store is full of live grants', async () => {
    const store = new GrantStore(() => NOW);
    for (let i = 0; i < MAX_GRANTS; i++) store.add({ volumes: [], containers: [], prune: false, seconds: 60, argv: [], user: 'x' });
    const { socketPath, logged } = await start(store);
    expect(JSON.parse(await exchange(socketPath, '{}\n'))).toEqual({ ok: false, error: 'too many live grants' });
    expect(logged).toEqual(['refused a grant: too many live grants']);
  });

  it('drops a client that sends nothing', async () => {
    const { socketPath } = await start(new GrantStore(() => NOW));
    const started = performance.now();
    expect(await exchange(socketPath)).toBe('');
    expect(performance.now() - started).toBeGreaterThan(1500);
  }, 10_000);
});

describe('groupId', () => {
  it('reads a gid from a group file', () => {
    const file = path.join(dir(), 'group');
    writeFileSync(file, 'root:x:0:\ndocker:x:998:ann,bob\nbroken:x:nope:\n');
    expect(groupId('docker', file)).toBe(998);
    expect(groupId('root', file)).toBe(0);
    expect(groupId('broken', file)).toBeUndefined();
    expect(groupId('dock', file)).toBeUndefined();
    expect(groupId('docker', path.join(dir(), 'absent'))).toBeUndefined();
  });
});

describe('restrictSocket', () => {
  it('keeps it to its owner when there is no such group', () => {
    const file = path.join(dir(), 's');
    writeFileSync(file, '');
    expect(restrictSocket(file, 'no-such-group-here')).toBe('owner only (0600)');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(restrictSocket(file, undefined)).toBe('owner only (0600)');
  });

  it.runIf(process.getuid?.() === 0)('as root, gives it to root and the group, 0660', () => {
    const file = path.join(dir(), 's');
    writeFileSync(file, '');
    expect(restrictSocket(file, 'root')).toBe('root:root 0660');
    const st = statSync(file);
    expect([st.uid, st.gid, st.mode & 0o777]).toEqual([0, 0, 0o660]);
  });
});
