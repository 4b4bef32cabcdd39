// What every store shares: the newest-first order (ties broken by id, so it is the same on every
// run) and pruning, which keeps N snapshots of one project, never touches another project's,
// and never removes the newest verified one. Run on the real folder store.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dirStore } from '../../../src/tools/snapshot/dir-store.js';
import { newestFirst, prune, type Manifest } from '../../../src/tools/snapshot/store.js';

const manifest = (id: string, time: string, verified = true, project: string | null = 'p'): Manifest => ({
  format: 1, id, project, time, host: 'h', engine: { endpoint: 'unix:///x', version: '20' }, command: ['docker'], reason: 'r',
  volumes: [], verified, store: 'dir',
});

async function storeWith(...manifests: Manifest[]) {
  const dir = mkdtempSync(path.join(tmpdir(), 'cg-store-'));
  const store = dirStore(dir, { PATH: process.env.PATH });
  for (const m of manifests) await (await store.begin(m.id)).commit(m);
  return { dir, store };
}

describe('newestFirst', () => {
  it('orders by time, newest first, and by id where the times are equal', () => {
    const list = [manifest('a', '2026-01-01T00:00:00Z'), manifest('c', '2026-03-01T00:00:00Z'), manifest('b', '2026-03-01T00:00:00Z'), manifest('d', '2026-02-01T00:00:00Z')];
    expect(newestFirst(list).map((m) => m.id)).toEqual(['c', 'b', 'd', 'a']);
    expect(newestFirst([...list].reverse()).map((m) => m.id)).toEqual(['c', 'b', 'd', 'a']);
  });
});

describe('prune', () => {
  it('keeps the newest N per project and never the newest verified one', async () => {
    const { dir, store } = await storeWith(
      manifest('p-a', '2026-11-24T10:00:00Z', true), manifest('p-b', '2026-11-24T11:00:00Z', false), manifest('p-c', '2026-11-24T12:00:00Z', false));
    expect(await prune(store, 'p', 1)).toEqual(['p-b']);
    expect(existsSync(path.join(dir, 'p-a'))).toBe(true);
    expect((await store.list()).map((m) => m.id)).toEqual(['p-c', 'p-a']);
  });

  it('a snapshot whose latest verification failed is no longer the newest verified one', async () => {
    const failed = { time: '2026-11-25T09:00:00Z', ok: false, by: 'read back', problems: ['p_db: sha256 differs'] };
    const passed = { ...failed, ok: true, problems: [] };
    const { dir, store } = await storeWith(
      manifest('p-a', '2026-11-24T10:00:00Z', true), { ...manifest('p-b', '2026-11-24T11:00:00Z', false), verification: passed },
      { ...manifest('p-c', '2026-11-24T12:00:00Z', true), verification: failed }, manifest('p-d', '2026-11-24T13:00:00Z', false));
    expect(await prune(store, 'p', 1)).toEqual(['p-c', 'p-a']);
    expect(existsSync(path.join(dir, 'p-b'))).toBe(true);
    expect((await store.list()).map((m) => m.id)).toEqual(['p-d', 'p-b']);
  });

  it("leaves other projects' snapshots, and those of no project, alone", async () => {
    const { store } = await storeWith(
      manifest('p-1', '2026-11-24T10:00:00Z'), manifest('p-2', '2026-11-24T11:00:00Z'), manifest('p-3', '2026-11-24T12:00:00Z'),
      manifest('q-1', '2026-11-20T10:00:00Z', true, 'q'), manifest('v-1', '2026-11-19T10:00:00Z', true, null));
    expect(await prune(store, 'p', 2)).toEqual(['p-1']);
    expect((await store.list()).map((m) => m.id)).toEqual(['p-3', 'p-2', 'q-1', 'v-1']);
    expect(await prune(store, null, 0)).toEqual([]);
    expect((await store.list()).map((m) => m.id)).toContain('v-1');
  });

  it('removes nothing while there are no more than N', async () => {
    const { store } = await storeWith(manifest('p-1', '2026-11-24T10:00:00Z', false), manifest('p-2', '2026-11-24T11:00:00Z', false));
    expect(await prune(store, 'p', 2)).toEqual([]);
    expect(await prune(store, 'p', 5)).toEqual([]);
    expect(await store.list()).toHaveLength(2);
  });
});
