// One bounded GET against a fake engine on a real unix socket: only a complete, well formed 2xx
// answer in time is a value; everything else is EngineUnreachable within the deadline, and
// never more than the size cap is held.
import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineUnreachable, getJson, type Endpoint } from '../../src/daemon/http-get.js';

interface Seen {
  request: string;
  /** Whether the client had half-closed its side when the answer began. */
  endedBeforeAnswer: boolean;
}

let servers: Server[] = [];
let sockets: Socket[] = [];
let timers: NodeJS.Timeout[] = [];
afterEach(async () => {
  for (const t of timers) clearInterval(t);
  for (const s of sockets) s.destroy();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  servers = [];
  sockets = [];
  timers = [];
});

/** A socket server that reads the request head, then lets `answer` write what it likes. */
async function engine(answer: (socket: Socket) => void, tcp = false): Promise<{ endpoint: Endpoint; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((socket) => {
    sockets.push(socket);
    let head = '';
    let ended = false;
    socket.on('error', () => undefined);
    socket.on('end', () => { ended = true; });
    socket.on('data', (data) => {
      if (head.includes('\r\n\r\n')) return;
      head += data.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      // Answer on the next turn, so a half-close sent with the request would have arrived.
      setTimeout(() => {
        seen.push({ request: head, endedBeforeAnswer: ended });
        answer(socket);
      }, 20);
    });
  });
  servers.push(server);
  if (tcp) {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { endpoint: { host: '127.0.0.1', port: (server.address() as AddressInfo).port }, seen };
  }
  const socketPath = path.join(mkdtempSync(path.join(tmpdir(), 'cg-http-get-')), 'docker.sock');
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return { endpoint: { socketPath }, seen };
}

const http = (status: string, body: string, headers = `Content-Length: ${Buffer.byteLength(body)}\r\n`) => `HTTP/1.0 ${status}\r\nContent-Type: application/json\r\n${headers}\r\n${body}`;
const BOUNDS = { deadlineMs: 600, maxBytes: 64 * 1024 };

async function outcome(endpoint: Endpoint, route = '/volumes') {
  const started = performance.now();
  try {
    return { value: await getJson(endpoint, route, BOUNDS), ms: performance.now() - started };
  } catch (error) {
    return { error: error as Error, ms: performance.now() - started };
  }
}

describe('a complete 2xx answer', () => {
  it('is its JSON body; the request is one HTTP/1.0 GET that does not half-close', async () => {
    const { endpoint, seen } = await engine((s) => s.end(http('200 OK', '{"Volumes":[{"Name":"a"}]}')));
    expect(await outcome(endpoint, '/volumes?filters=%7B%7D')).toMatchObject({ value: { Volumes: [{ Name: 'a' }] } });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.request).toBe('GET /volumes?filters=%7B%7D HTTP/1.0\r\nHost: docker\r\n\r\n');
    expect(seen[0]?.endedBeforeAnswer).toBe(false);
  });

  it.each<[string, string]>([
    ['HTTP/1.1 and 201', `HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n[]`],
    ['no Content-Length (the close ends the body)', 'HTTP/1.0 200 OK\r\n\r\n[]'],
    ['a header named in another case', 'HTTP/1.0 200 OK\r\ncontent-LENGTH: 2\r\n\r\n[]'],
  ])('%s', async (_, raw) => {
    const { endpoint } = await engine((s) => s.end(raw));
    expect(await outcome(endpoint)).toMatchObject({ value: [] });
  });

  it('arrives slowly in pieces and still counts, inside the deadline', async () => {
    const { endpoint } = await engine((s) => {
      const raw = http('200 OK', '{"ok":true}');
      s.write(raw.slice(0, 10));
      timers.push(setTimeout(() => s.write(raw.slice(10, 30)), 100));
      timers.push(setTimeout(() => s.end(raw.slice(30)), 250));
    });
    expect(await outcome(endpoint)).toMatchObject({ value: { ok: true } });
  });

  it('works over TCP as well', async () => {
    const { endpoint } = await engine((s) => s.end(http('200 OK', '{"tcp":1}')), true);
    expect(await outcome(endpoint)).toMatchObject({ value: { tcp: 1 } });
  });
});

describe('anything else is EngineUnreachable, in time', () => {
  it.each<[string, (s: Socket) => void, RegExp]>([
    ['500', (s) => s.end(http('500 Internal Server Error', '{"message":"boom"}')), /^engine answered 500 for \/volumes$/],
    ['404', (s) => s.end(http('404 Not Found', '{}')), /answered 404/],
    ['a redirect', (s) => s.end(http('301 Moved Permanently', '')), /answered 301/],
    ['truncated', (s) => s.end(http('200 OK', '{"Volumes":[]}', 'Content-Length: 100\r\n')), /cut short \(14 of 100 bytes\)/],
    ['longer than it said', (s) => s.end(http('200 OK', '{"Volumes":[]}', 'Content-Length: 3\r\n')), /cut short/],
    ['no end of headers', (s) => s.end('HTTP/1.0 200 OK\r\nContent-Length: 2\r\n'), /^engine answered 200 for \/volumes$/],
    ['garbage', (s) => s.end(Buffer.from('\x00\xff garbage \r\n\r\n{{{', 'latin1')), /answered something unreadable/],
    ['a body that is not JSON', (s) => s.end(http('200 OK', '<html>')), /unreadable JSON/],
    ['an empty body', (s) => s.end(http('204 No Content', '')), /unreadable JSON/],
    ['closed without a word', (s) => s.end(), /something unreadable/],
    ['dropped', (s) => s.destroy(), /something unreadable/],
  ])('%s', async (_, answer, message) => {
    const { endpoint } = await engine(answer);
    const result = await outcome(endpoint);
    expect(result.error).toBeInstanceOf(EngineUnreachable);
    expect(result.error?.message).toMatch(message);
  });

  it('an engine that never answers', async () => {
    const { endpoint } = await engine(() => undefined);
    const result = await outcome(endpoint);
    expect(result.error?.message).toBe('engine did not answer /volumes within 600 ms');
    expect(result.ms).toBeLessThan(BOUNDS.deadlineMs + 500);
  });

  it('an engine that trickles a header line at a time never gets past the deadline', async () => {
    const { endpoint } = await engine((s) => {
      s.write('HTTP/1.0 200 OK\r\n');
      timers.push(setInterval(() => s.writable && s.write('X-Trickle: 1\r\n'), 50));
    });
    const result = await outcome(endpoint);
    expect(result.error?.message).toMatch(/did not answer .* within 600 ms/);
    expect(result.ms).toBeLessThan(BOUNDS.deadlineMs + 500);
  });

  it('an endless body ends at the size cap, not when memory runs out', async () => {
    let sent = 0;
    const { endpoint } = await engine((s) => {
      s.write('HTTP/1.0 200 OK\r\n\r\n[');
      const chunk = Buffer.alloc(16 * 1024, '1,');
      const pump = () => {
        while (s.writable && s.write(chunk)) sent += chunk.length;
      };
      s.on('drain', pump);
      pump();
    });
    const result = await outcome(endpoint);
    expect(result.error?.message).toBe(`engine answer to /volumes is larger than ${BOUNDS.maxBytes} bytes`);
    expect(result.ms).toBeLessThan(BOUNDS.deadlineMs);
    expect(sent).toBeGreaterThan(0);
  });

  it('no engine on the socket', async () => {
    const result = await outcome({ socketPath: path.join(mkdtempSync(path.join(tmpdir(), 'cg-http-get-')), 'absent.sock') });
    expect(result.error).toBeInstanceOf(EngineUnreachable);
    expect(result.error?.message).toMatch(/ENOENT/);
    expect((result.error as Error & { cause?: { code?: string } }).cause?.code).toBe('ENOENT');
  });
});
