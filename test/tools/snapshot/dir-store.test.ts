// The folder store with both codecs: a snapshot counts only once committed, reads back what was
// written, and an aborted one leaves nothing.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { sha256Of } from '../../../src/tools/snapshot/hash-tap.js';
import { dirStore } from '../../../src/tools/snapshot/dir-store.js';
import type { Manifest } from '../../../src/tools/snapshot/store.js';

const manifest = (id: string, time: string, verified = true): Manifest => ({
  format: 1, id, project: 'p', time, host: 'h', engine: { endpoint: 'unix:///x', version: '20' }, command: ['docker'], reason: 'r',
  volumes: [{ name: 'p_data', driver: 'local', labels: {}, options: {}, services: [], containers: [], files: 1, bytes: 3, sha256: '', consistency: '', pausedMs: 0, storedBytes: 0, stored: 'p_data.tar.zst' }],
  verified, store: 'dir',
});

describe.each([
  ['zstd', process.env.PATH ?? ''],
  ['gzip', '/nonexistent'],
])('the folder store with %s', (codec, PATH) => {
  const env = { PATH };
  const data = Buffer.alloc(300_000, 'snapshot data ');

  it('writes, reads back the same bytes, and counts only once committed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cg-store-'));
    const store = dirStore(dir, env);
    const writer = await store.begin('p-1');
    const { stored, storedBytes } = await writer.writeVolume('p_data', Readable.from([data]));
    expect(stored).toBe(codec === 'zstd' ? 'p_data.tar.zst' : 'p_data.tar.gz');
    expect(storedBytes).toBeLessThan(data.length / 10);
    await writer.verify(stored, await sha256Of(Readable.from([data])));
    expect(await store.list()).toEqual([]);
    const m = { ...manifest('p-1', '2026-11-24T12:00:00Z'), volumes: [{ ...manifest('p-1', '').volumes[0]!, stored }] };
    await writer.commit(m);
    expect((await store.list()).map((x) => x.id)).toEqual(['p-1']);
    expect(await sha256Of(await store.read(m, 'p_data'))).toBe(await sha256Of(Readable.from([data])));
  });

  it.each([
    ['cut short', (b: Buffer) => b.subarray(0, b.length - 7), /bytes on disk/],
    ['with a byte flipped', (b: Buffer) => { const c = Buffer.from(b); c[Math.floor(c.length / 2)]! ^= 0x10; return c; }, /does not read back whole/],
  ])('refuses to verify a stored file %s', async (_name, damage, message) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cg-store-'));
    const writer = await dirStore(dir, env).begin('p-3');
    const { stored } = await writer.writeVolume('p_data', Readable.from([Buffer.concat([randomBytes(100_000), data])]));
    const file = path.join(dir, '.p-3.partial', stored);
    // Changed a second after it was written (zstd's check may already have read it by then).
    const later = new Date(Date.now() + 1000);
    writeFileSync(file, damage(readFileSync(file)));
    utimesSync(file, later, later);
    await expect(writer.verify(stored, '')).rejects.toThrow(message);
    await writer.abort();
  });

  it('leaves nothing behind when aborted', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cg-store-'));
    const writer = await dirStore(dir, env).begin('p-2');
    await writer.writeVolume('p_data', Readable.from([data]));
    await writer.abort();
    expect(readdirSync(dir)).toEqual([]);
  });
});
