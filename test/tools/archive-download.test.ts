// An archive requested as HTTP/1.0 from a fake engine that writes its answers by hand (pass-through
// mechanics and injected faults): the head split anywhere, the body handed on byte for byte, a
// length the body falls short of, chunked framing, a head that is not HTTP, too long or too slow,
// and an engine that closes before answering. The writing side stays open until the body is read.
import { createServer, type Server, type Socket } from 'node:net';
import { connect } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { errorText, rawGet } from '../../src/tools/archive-download.js';

const servers: Server[] = [];
const open: Socket[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) s.destroy();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A fake engine: `answer` gets the request's text once its head has arrived, and the connection. */
async function engine(answer: (request: string, socket: Socket) => void): Promise<string> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'cg-raw-')), 'docker.sock');
  const server = createServer((socket) => {
    open.push(socket);
    let text = '';
    socket.on('data', (d: Buffer) => {
      text += d.toString('latin1');
      if (text.includes('\r\n\r\n')) answer(text, socket);
    });
    socket.on('error', () => undefined);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(file, resolve));
  return file;
}

async function readAll(body: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const settle = <T>(p: Promise<T>) => p.then((value) => ({ value, error: undefined }), (error: Error) => ({ value: undefined, error }));

describe('rawGet', () => {
  it('asks in HTTP/1.0 and hands on the body byte for byte, however the head is split; the engine sees no early end', async () => {
    const body = Buffer.alloc(1 << 20, 'archive ');
    let request = '';
    let clientEnded = false;
    const file = await engine((text, socket) => {
      request = text;
      socket.on('end', () => { clientEnded = true; });
      const head = 'HTTP/1.0 200 OK\r\nContent-Type: application/x-tar\r\nX-Odd:  spaced \r\n\r\n';
      socket.write(head.slice(0, 7));
      setTimeout(() => {
        socket.write(Buffer.concat([Buffer.from(head.slice(7)), body.subarray(0, 100)]));
        setTimeout(() => socket.end(body.subarray(100)), 20);
      }, 20);
    });
    const answer = await rawGet(connect(file), '/containers/c/archive?path=%2Fdata', 1000);
    expect(request).toBe('GET /containers/c/archive?path=%2Fdata HTTP/1.0\r\nHost: docker\r\nUser-Agent: compose-guard\r\n\r\n');
    expect(answer.status).toBe(200);
    expect(answer.headers).toMatchObject({ 'content-type': 'application/x-tar', 'x-odd': 'spaced' });
    expect(answer.body.headers['content-type']).toBe('application/x-tar');
    expect((await readAll(answer.body)).equals(body)).toBe(true);
    expect(clientEnded).toBe(false);
  });

  it('holds the body to the length the engine announced, neither shorter nor longer', async () => {
    const file = await engine((_t, socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12345'));
    const answer = await rawGet(connect(file), '/a', 1000);
    await expect(readAll(answer.body)).rejects.toThrow('/a: the answer ended after 5 of its 10 bytes');
    const whole = await engine((_t, socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc'));
    expect((await readAll((await rawGet(connect(whole), '/b', 1000)).body)).toString()).toBe('abc');
    // Bytes after the announced length are not part of the body.
    const more = await engine((_t, socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcdef'));
    expect((await readAll((await rawGet(connect(more), '/c', 1000)).body)).toString()).toBe('abc');
  });

  it("reads an error's status and message", async () => {
    const file = await engine((_t, socket) => socket.end('HTTP/1.0 404 Not Found\r\nContent-Type: application/json\r\n\r\n{"message":"No such container: c"}'));
    const answer = await rawGet(connect(file), '/containers/c/archive', 1000);
    expect(answer.status).toBe(404);
    expect(await errorText(answer.body)).toBe('{"message":"No such container: c"}');
  });

  it.each([
    ['chunked framing', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\n', '/x: the engine answered an HTTP/1.0 request in chunks'],
    ['a head that is not HTTP', 'SSH-2.0-OpenSSH_9.2\r\n\r\n', `the engine's answer does not start as HTTP does: "SSH-2.0-OpenSSH_9.2"`],
    ['a head over 64 KiB', `HTTP/1.0 200 OK\r\nX: ${'y'.repeat(70_000)}`, "/x: the answer's head exceeds 65536 bytes"],
  ])('refuses %s', async (_name, reply, message) => {
    const file = await engine((_t, socket) => socket.write(reply));
    expect((await settle(rawGet(connect(file), '/x', 1000))).error?.message).toBe(message);
  });

  it('gives up at the deadline when no head comes, and says so when the engine closes first', async () => {
    const silent = await engine(() => undefined);
    const started = Date.now();
    expect((await settle(rawGet(connect(silent), '/x', 150))).error?.message).toBe('/x: no answer within 150 ms');
    expect(Date.now() - started).toBeLessThan(1000);
    const closing = await engine((_t, socket) => socket.end());
    expect((await settle(rawGet(connect(closing), '/y', 1000))).error?.message).toBe('/y: the engine closed the connection before its answer');
  });
});
