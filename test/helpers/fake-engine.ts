// A fake Docker engine on a unix socket, for injected faults only: it answers every request
// the way its mode says (a good answer, an error, garbage, never, slowly, endlessly).
import { createServer, type Server, type Socket } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type FakeEngineMode = 'ok' | 'nulls' | '500' | 'truncated' | 'slow' | 'hang' | 'trickle' | 'endless' | 'garbage';

export interface FakeEngine {
  endpoint: string;
  /** Requests seen, by path. */
  requests: string[];
  close(): Promise<void>;
}

const VOLUMES = { Volumes: [{ Name: 'proj_data', Labels: { 'com.docker.compose.project': 'proj', 'com.docker.compose.volume': 'data' } }], Warnings: null };
const NULLS_VOLUMES = { Volumes: [{ Name: 'proj_data', Labels: null }], Warnings: null };
const CONTAINERS = [{ Id: 'c1', Names: ['/proj-db-1'], Labels: { 'com.docker.compose.project': 'proj', 'com.docker.compose.service': 'db' }, Mounts: [{ Type: 'volume', Name: 'a'.repeat(64), Destination: '/anon' }] }];
/** `/system/df`: one volume counted, one the engine could not count (-1), one with no count at all. */
const DF = { Volumes: [{ Name: 'proj_data', UsageData: { Size: 4096, RefCount: 1 } }, { Name: 'uncounted', UsageData: { Size: -1, RefCount: 0 } }, { Name: 'bare' }] };
const NULLS_CONTAINERS = [{ Id: 'c1', Names: ['/proj-db-1'], Labels: null, Mounts: null }];

function reply(socket: Socket, body: unknown, status = '200 OK'): void {
  const text = JSON.stringify(body);
  socket.end(`HTTP/1.0 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
}

function answer(mode: FakeEngineMode, route: string, socket: Socket, timers: Set<NodeJS.Timeout>): void {
  const containers = route.startsWith('/containers');
  const good = route.startsWith('/system/df') ? DF : containers ? CONTAINERS : VOLUMES;
  const later = (ms: number, f: () => void): void => {
    timers.add(setTimeout(f, ms));
  };
  const every = (ms: number, f: () => void): void => {
    timers.add(setInterval(f, ms));
  };
  switch (mode) {
    case 'ok':
      return reply(socket, good);
    case 'nulls':
      return reply(socket, containers ? NULLS_CONTAINERS : NULLS_VOLUMES);
    case '500':
      return reply(socket, { message: 'internal' }, '500 Internal Server Error');
    case 'truncated': {
      const text = JSON.stringify(containers ? CONTAINERS : VOLUMES);
      socket.end(`HTTP/1.0 200 OK\r\nContent-Length: ${text.length}\r\n\r\n${text.slice(0, text.length - 5)}`);
      return;
    }
    case 'slow':
      return later(400, () => reply(socket, good));
    case 'hang':
      return;
    case 'trickle':
      socket.write('HTTP/1.0 200 OK\r\n');
      return every(200, () => {
        if (socket.writable) socket.write('X-Trickle: 1\r\n');
      });
    case 'endless': {
      socket.write('HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n{"Volumes":[');
      const chunk = Buffer.alloc(64 * 1024, '{"Name":"x","Labels":{}},');
      const pump = () => {
        while (socket.writable && socket.write(chunk));
      };
      socket.on('drain', pump);
      pump();
      return;
    }
    case 'garbage':
      socket.end(Buffer.from('\x00\xff garbage \r\n\r\n{{{not json', 'latin1'));
      return;
  }
}

export async function startFakeEngine(mode: FakeEngineMode): Promise<FakeEngine> {
  const socketPath = path.join(mkdtempSync(path.join(tmpdir(), 'cg-fake-engine-')), 'docker.sock');
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    let head = '';
    socket.on('data', (data) => {
      if (head.includes('\r\n\r\n')) return;
      head += data.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      const route = /^GET (\S+)/.exec(head)?.[1] ?? '';
      requests.push(route);
      answer(mode, route, socket, timers);
    });
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    endpoint: `unix://${socketPath}`,
    requests,
    close: () => new Promise((resolve) => {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
