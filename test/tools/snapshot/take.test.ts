// Taking a snapshot against a fake engine, for what a real one will not do on demand: an archive
// cut short mid-copy fails the snapshot, commits nothing, keeps no partial folder and removes the
// helper. And the snapshot's id: the project, the time, and a random part.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { streamEngine } from '../../../src/tools/engine-stream.js';
import { dirStore } from '../../../src/tools/snapshot/dir-store.js';
import { snapshotId, takeSnapshot, type TakeInputs } from '../../../src/tools/snapshot/take.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

/** A tar archive's first `bytes`: the header of one file of 100 kB, then its data (no end). */
function tarStart(bytes: number): Buffer {
  const header = Buffer.alloc(512);
  header.write('v/big', 0, 'latin1');
  header.write('0000644\0', 100, 'latin1');
  header.write(`${(100_000).toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  header.write('0', 156, 'latin1');
  return Buffer.concat([header, Buffer.alloc(bytes - 512, 'x')]);
}

/**
 * An engine with one volume, no users, whose archive answer stops after `sent` bytes: of 100 kB
 * of zeros it announced (a length), or of a real tar archive's start with no length (an engine's
 * archive ends with its connection).
 */
async function cutShortEngine(sent: number, framing: 'length' | 'close' | 'stall' | 'silent' = 'length', onArchive = () => {}): Promise<{ endpoint: string; seen: string[] }> {
  const socket = path.join(mkdtempSync(path.join(tmpdir(), 'cg-take-fake-')), 'docker.sock');
  const seen: string[] = [];
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url?.split('?')[0]}`);
    const json = (body: unknown) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    const url = req.url ?? '';
    if (url === '/version') return json({ Version: '28.0.0' });
    if (url.startsWith('/volumes/')) return json({ Name: 'v', Driver: 'local', Labels: null, Options: null });
    if (url === '/images/json') return json([{ Id: 'sha256:img', Size: 1 }]);
    if (url.startsWith('/images/')) return json({ Config: { Volumes: null } });
    if (url.startsWith('/containers/json')) return json([]);
    if (url === '/containers/create') return json({ Id: 'helper1' });
    if (url.includes('/archive')) {
      onArchive();
      if (framing === 'silent') return;
      if (framing === 'length') {
        res.writeHead(200, { 'Content-Type': 'application/x-tar', 'Content-Length': '102400' });
        res.write(Buffer.alloc(sent));
      } else {
        res.writeHead(200, { 'Content-Type': 'application/x-tar' });
        res.write(tarStart(sent));
      }
      if (framing !== 'stall') setTimeout(() => res.socket?.destroy(), 20);
      return;
    }
    if (req.method === 'DELETE') return res.writeHead(204).end();
    res.writeHead(404).end('{"message":"unexpected"}');
  });
  await new Promise<void>((resolve) => server!.listen(socket, resolve));
  return { endpoint: `unix://${socket}`, seen };
}

/** A snapshot of the fake engine's one volume into a new folder store, and that folder. */
function snapshotOf(endpoint: string, more: Partial<TakeInputs> = {}): { dir: string; taken: Promise<unknown> } {
  const dir = mkdtempSync(path.join(tmpdir(), 'cg-take-'));
  const taken = takeSnapshot({
    engine: streamEngine(endpoint), store: dirStore(dir, { PATH: process.env.PATH }), volumes: [{ name: 'v', services: [] }], project: 'p',
    command: ['docker'], reason: 'r', host: 'h', now: new Date('2026-11-24T12:00:00Z'), keep: 5, ...more,
  });
  return { dir, taken };
}

describe('takeSnapshot', () => {
  it.each([['length'], ['close']] as const)('fails on an archive cut short (framed by %s): nothing committed or kept, the helper removed', async (framing) => {
    const { endpoint, seen } = await cutShortEngine(30_000, framing);
    const { dir, taken } = snapshotOf(endpoint);
    await expect(taken).rejects.toThrow(framing === 'length' ? 'the answer ended after 30000 of its 102400 bytes' : 'the archive ended before its end');
    expect(readdirSync(dir)).toEqual([]);
    expect(seen).toContain('DELETE /containers/helper1');
  });

  it('fails when the engine stops sending mid-archive: nothing committed or kept, the helper removed, in time', async () => {
    // The engine sends the archive's start and then nothing, with the connection open.
    const { endpoint, seen } = await cutShortEngine(30_000, 'stall');
    const { dir, taken } = snapshotOf(endpoint, { stallMs: 300 });
    const started = performance.now();
    await expect(taken).rejects.toThrow('the engine sent nothing of the archive for 0.3 s while the store waited for more');
    expect(performance.now() - started).toBeLessThan(5000);
    expect(readdirSync(dir)).toEqual([]);
    expect(seen).toContain('DELETE /containers/helper1');
  }, 10_000);

  it('stops the copy when interrupted before the archive began to arrive: nothing committed or kept, the helper removed', async () => {
    // The engine answers once the interruption has come, then sends the archive's start and waits.
    const controller = new AbortController();
    const { endpoint, seen } = await cutShortEngine(30_000, 'stall', () => controller.abort(new Error('interrupted (SIGINT)')));
    const { dir, taken } = snapshotOf(endpoint, { signal: controller.signal });
    await expect(taken).rejects.toThrow('interrupted');
    expect(readdirSync(dir)).toEqual([]);
    expect(seen).toContain('DELETE /containers/helper1');
  }, 10_000);
});

describe('takeSnapshot interrupted while the engine has not answered', () => {
  it('stops waiting for the answer at once: one request, nothing committed or kept, the helper removed', async () => {
    const controller = new AbortController();
    const { endpoint, seen } = await cutShortEngine(0, 'silent', () => setTimeout(() => controller.abort(new Error('interrupted (SIGINT)')), 50));
    const { dir, taken } = snapshotOf(endpoint, { signal: controller.signal });
    await expect(taken).rejects.toThrow('interrupted');
    expect(readdirSync(dir)).toEqual([]);
    expect(seen.filter((s) => s.includes('/archive'))).toHaveLength(1);
    expect(seen).toContain('DELETE /containers/helper1');
  }, 10_000);
});

describe('snapshotId', () => {
  it('is the project (or "volumes"), the UTC time to the second and six random hex digits', () => {
    const now = new Date('2026-11-24T12:34:56.789Z');
    expect(snapshotId('shop', now)).toMatch(/^shop-20261124T123456Z-[0-9a-f]{6}$/);
    expect(snapshotId(null, now)).toMatch(/^volumes-20261124T123456Z-[0-9a-f]{6}$/);
    expect(snapshotId('shop', now)).not.toBe(snapshotId('shop', now));
  });
});
