// What status asks the engine beyond the volumes, against a fake engine (the engine's answers
// are the input here): which image VOLUMEs of a project's containers end in anonymous volumes,
// and checks of a service with no running container. Checks run in real containers are tested on
// the real engine (status-probes.engine.test.ts).
import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { streamEngine } from '../../src/tools/engine-stream.js';
import { runChecks, unmappedVolumes } from '../../src/tools/status-probes.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

const ANON = 'a'.repeat(64);
const container = (name: string, service: string, image: string, mounts: Array<{ Type: string; Name?: string; Destination: string }>, State = 'running') =>
  ({ Id: name, Names: [`/${name}`], Image: image, State, Labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': service }, Mounts: mounts });

async function engineWith(containers: unknown[], images: Record<string, string[]>) {
  const socket = path.join(mkdtempSync(path.join(tmpdir(), 'cg-probes-')), 'docker.sock');
  const seen: string[] = [];
  server = createServer((req, res) => {
    const url = decodeURIComponent(req.url ?? '');
    seen.push(url);
    const json = (status: number, body: unknown) => res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    if (url.startsWith('/containers/json')) return json(200, url.includes('com.docker.compose.project=shop') ? containers : []);
    const image = /^\/images\/(.+)\/json$/.exec(url)?.[1];
    if (image && images[image]) return json(200, { Config: { Volumes: Object.fromEntries(images[image]!.map((v) => [v, {}])) } });
    json(404, { message: 'no such image' });
  });
  await new Promise<void>((resolve) => server!.listen(socket, resolve));
  return { engine: streamEngine(`unix://${socket}`), seen };
}

describe('unmappedVolumes', () => {
  it('names each image VOLUME left to an anonymous volume or to none, once per service', async () => {
    const { engine, seen } = await engineWith([
      container('shop-db-1', 'db', 'pg:15', [{ Type: 'volume', Name: 'shop_pg', Destination: '/var/lib/postgresql/data' }, { Type: 'volume', Name: ANON, Destination: '/var/log/pg' }]),
      container('shop-db-2', 'db', 'pg:15', [{ Type: 'volume', Name: ANON, Destination: '/var/log/pg' }, { Type: 'bind', Destination: '/var/lib/postgresql/data' }]),
      container('shop-cache-1', 'cache', 'redis:7', []),
      container('shop-web-1', 'web', 'gone:1', []),
    ], { 'pg:15': ['/var/lib/postgresql/data', '/var/log/pg'], 'redis:7': ['/data'] });
    expect(await unmappedVolumes(engine, 'shop')).toEqual([
      { service: 'db', container: 'shop-db-1', path: '/var/log/pg' },
      { service: 'cache', container: 'shop-cache-1', path: '/data' },
    ]);
    // Each image is asked about once.
    expect(seen.filter((u) => u === '/images/pg:15/json')).toHaveLength(1);
  });

  it('finds nothing for a project with no containers', async () => {
    const { engine } = await engineWith([], {});
    expect(await unmappedVolumes(engine, 'blog')).toEqual([]);
  });
});

describe('runChecks', () => {
  it('asks nothing when there are no checks', async () => {
    const { engine, seen } = await engineWith([], {});
    expect(await runChecks(engine, 'shop', [])).toEqual([]);
    expect(seen).toEqual([]);
  });

  it('fails the check of a service with no running container', async () => {
    const { engine } = await engineWith([container('shop-db-1', 'db', 'pg:15', [], 'exited')], {});
    expect(await runChecks(engine, 'shop', [{ service: 'db', command: ['psql', '-c', 'select 1'] }, { service: 'web', command: 'test -f /x' }])).toEqual([
      { service: 'db', command: "psql -c 'select 1'", ok: false, detail: 'no running container of the service' },
      { service: 'web', command: 'test -f /x', ok: false, detail: 'no running container of the service' },
    ]);
  });
});
