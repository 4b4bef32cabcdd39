// The tools' engine transport against a fake engine on a unix socket (pass-through mechanics and
// injected faults): JSON both ways, the engine's own message on an error, a deadline, archives
// streamed in full both ways, and an engine that is not there at all told apart from one that fails.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineError, streamEngine } from '../../src/tools/engine-stream.js';

type Handler = (req: IncomingMessage, body: Buffer, res: ServerResponse) => void;

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

async function fakeEngine(handler: Handler): Promise<string> {
  const socket = path.join(mkdtempSync(path.join(tmpdir(), 'cg-stream-')), 'docker.sock');
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, Buffer.concat(chunks), res));
  });
  await new Promise<void>((resolve) => server!.listen(socket, resolve));
  return `unix://${socket}`;
}

const settle = <T>(p: Promise<T>) => p.then((value) => ({ value, error: undefined }), (error: EngineError) => ({ value: undefined, error }));

describe('streamEngine', () => {
  it('sends JSON and reads the JSON answer; an empty answer is undefined', async () => {
    const seen: string[] = [];
    const engine = streamEngine(await fakeEngine((req, body, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers['content-type'] ?? '-'} ${body.toString()}`);
      if (req.url === '/empty') return res.writeHead(204).end();
      res.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ Id: 'abc', echo: JSON.parse(body.toString() || 'null') }));
    }));
    expect(await engine.json('POST', '/containers/create', { Image: 'x' })).toEqual({ Id: 'abc', echo: { Image: 'x' } });
    expect(await engine.json('DELETE', '/empty')).toBeUndefined();
    expect(seen).toEqual(['POST /containers/create application/json {"Image":"x"}', 'DELETE /empty - ']);
  });

  it("rejects a status of 300 or more with the engine's own message and the status", async () => {
    const engine = streamEngine(await fakeEngine((req, _body, res) => {
      if (req.url === '/plain') return res.writeHead(500).end('  daemon on fire \n');
      res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"message":"no such volume: gone"}');
    }));
    const missing = await settle(engine.json('GET', '/volumes/gone'));
    expect(missing.error).toBeInstanceOf(EngineError);
    expect(missing.error).toMatchObject({ message: '/volumes/gone: 404 no such volume: gone', status: 404, absent: false });
    expect((await settle(engine.json('GET', '/plain'))).error?.message).toBe('/plain: 500 daemon on fire');
    expect((await settle(engine.post('/exec/x/start', {}))).error).toMatchObject({ status: 404 });
    expect((await settle(engine.download('/plain'))).error).toMatchObject({ message: '/plain: 500 daemon on fire', status: 500 });
  });

  it("keeps an archive error's status and what arrived of its message when the answer is cut short", async () => {
    const engine = streamEngine(await fakeEngine((_req, _body, res) => {
      res.writeHead(500, { 'Content-Type': 'application/json', 'Content-Length': '100' });
      res.write('{"message":"mount failed: no space');
      setTimeout(() => res.socket?.destroy(), 20);
    }));
    const cut = (await settle(engine.download('/containers/c/archive?path=%2Fdata'))).error;
    expect(cut).toBeInstanceOf(EngineError);
    expect(cut).toMatchObject({ status: 500 });
    expect(cut?.message).toMatch(/^\/containers\/c\/archive\?path=%2Fdata: 500 \{"message":"mount failed: no space \(the rest was lost: .*after 34 of its 100 bytes\)$/);
  });

  it('gives up on a slow engine at the deadline', async () => {
    const engine = streamEngine(await fakeEngine((_req, _body, res) => { setTimeout(() => res.end('{}'), 2000); }));
    const started = performance.now();
    const slow = await settle(engine.json('GET', '/version', undefined, 200));
    expect(slow.error?.message).toBe('/version: no answer within 200 ms');
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('rejects a JSON answer cut short', async () => {
    const engine = streamEngine(await fakeEngine((_req, _body, res) => {
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('{"Volumes":[');
      setTimeout(() => res.socket?.destroy(), 20);
    }));
    expect((await settle(engine.json('GET', '/volumes'))).error).toBeInstanceOf(Error);
  });

  it('streams a download in full, and an upload arrives byte for byte', async () => {
    const big = Buffer.alloc(3 << 20, 'tar-bytes ');
    let received: Buffer = Buffer.alloc(0);
    const engine = streamEngine(await fakeEngine((req, body, res) => {
      if (req.method === 'GET') return res.writeHead(200, { 'Content-Type': 'application/x-tar' }).end(big);
      received = body;
      res.writeHead(200).end();
    }));
    const archive = await engine.download('/containers/h/archive?path=%2Fx');
    expect(archive.headers['content-type']).toBe('application/x-tar');
    const chunks: Buffer[] = [];
    for await (const c of archive) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(big)).toBe(true);
    await engine.upload('/containers/h/archive?path=%2F', Readable.from([big.subarray(0, 1000), big.subarray(1000)]));
    expect(received.equals(big)).toBe(true);
  });

  it('returns the raw bytes of a POST (an exec stream)', async () => {
    const frame = Buffer.from([1, 0, 0, 0, 0, 0, 0, 2, 0x68, 0x69]);
    const engine = streamEngine(await fakeEngine((_req, _body, res) => res.writeHead(200).end(frame)));
    expect((await engine.post('/exec/x/start', { Detach: false })).equals(frame)).toBe(true);
  });

  it('an upload whose source fails is refused, and the engine sees no complete request', async () => {
    let completed = false;
    const engine = streamEngine(await fakeEngine((_req, _body, res) => { completed = true; res.writeHead(200).end(); }));
    const failing = new Readable({ read() { this.push(Buffer.alloc(1024)); this.destroy(new Error('disk read failed')); } });
    await expect(engine.upload('/containers/h/archive?path=%2F', failing)).rejects.toThrow();
    expect(completed).toBe(false);
  });

  it('says the engine is absent when no socket is there, unlike an engine that fails', async () => {
    const nowhere = streamEngine(`unix://${path.join(mkdtempSync(path.join(tmpdir(), 'cg-stream-')), 'none.sock')}`);
    const { error } = await settle(nowhere.json('GET', '/_ping'));
    expect(error).toBeInstanceOf(EngineError);
    expect(error?.code).toBe('ENOENT');
    expect(error?.absent).toBe(true);
    expect(new EngineError('x', 500).absent).toBe(false);
    expect(new EngineError('x', 0, 'ECONNREFUSED').absent).toBe(true);
  });
});
