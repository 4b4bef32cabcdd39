// Pausing against a fake engine, for the faults a real one shows only by chance: the freezer
// failing while processes start (retried, then given up on), and an unpause that keeps failing
// (retried, then one error that says to run docker unpause). Real pauses: pause.engine.test.ts.
import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { streamEngine } from '../../../src/tools/engine-stream.js';
import { pauseWriters } from '../../../src/tools/snapshot/pause.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** Answers each request with the next of its route's scripted statuses (then 204). */
async function scripted(script: Record<string, Array<[number, string]>>) {
  const socket = path.join(mkdtempSync(path.join(tmpdir(), 'cg-pause-')), 'docker.sock');
  const seen: string[] = [];
  server = createServer((req, res) => {
    const route = `${req.method} ${req.url}`;
    seen.push(route);
    const [status, message] = script[route]?.shift() ?? [204, ''];
    if (status === 204) return res.writeHead(204).end();
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify({ message }));
  });
  await new Promise<void>((resolve) => server!.listen(socket, resolve));
  return { engine: streamEngine(`unix://${socket}`), seen };
}

const db = { id: 'db1', name: 'shop-db-1', state: 'running' };
const FREEZE: [number, string] = [500, 'cannot pause container db1: unable to freeze'];

describe('pauseWriters against injected faults', () => {
  it('retries a pause the freezer refused, and goes on once it works', async () => {
    const { engine, seen } = await scripted({ 'POST /containers/db1/pause': [FREEZE, FREEZE] });
    const paused = await pauseWriters(engine, [db]);
    expect(paused.names).toEqual(['shop-db-1']);
    expect(seen.filter((r) => r === 'POST /containers/db1/pause')).toHaveLength(3);
    await paused.resume();
    expect(seen.at(-1)).toBe('POST /containers/db1/unpause');
  });

  it('gives up after ten refusals, and does not retry other errors', async () => {
    const { engine, seen } = await scripted({ 'POST /containers/db1/pause': Array.from({ length: 10 }, () => FREEZE), 'POST /containers/db2/pause': [[500, 'no space left']] });
    await expect(pauseWriters(engine, [db])).rejects.toThrow('unable to freeze');
    expect(seen).toHaveLength(10);
    await expect(pauseWriters(engine, [{ id: 'db2', name: 'shop-db-2', state: 'running' }])).rejects.toThrow('no space left');
    expect(seen).toHaveLength(11);
  }, 20_000);

  it('retries an unpause three times, then says which container is left paused', async () => {
    const fail: [number, string] = [500, 'engine busy'];
    const { engine, seen } = await scripted({ 'POST /containers/db1/unpause': [fail, fail, fail], 'POST /containers/web1/unpause': [fail] });
    const paused = await pauseWriters(engine, [db, { id: 'web1', name: 'shop-web-1', state: 'running' }]);
    await expect(paused.resume()).rejects.toThrow('could not unpause shop-db-1: /containers/db1/unpause: 500 engine busy (run docker unpause)');
    expect(seen.filter((r) => r === 'POST /containers/db1/unpause')).toHaveLength(3);
    expect(seen.filter((r) => r === 'POST /containers/web1/unpause')).toHaveLength(2);
  });
});
