// Verifying a stored snapshot through the folder store: an intact one verifies; a flipped byte,
// a truncated file, a missing file and a manifest that disagrees are each reported by volume.
// The data is random so that every byte of the compressed file carries some of it.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { dirStore } from '../../../src/tools/snapshot/dir-store.js';
import { sha256Of } from '../../../src/tools/snapshot/hash-tap.js';
import type { Manifest, VolumeRecord } from '../../../src/tools/snapshot/store.js';
import { verifySnapshot } from '../../../src/tools/snapshot/verify.js';

function volumeTar(files: Record<string, string | Buffer>): Buffer {
  const root = mkdtempSync(path.join(tmpdir(), 'cg-vol-'));
  mkdirSync(path.join(root, 'data'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(root, 'data', name), text);
  return spawnSync('tar', ['-C', root, '-c', 'data'], { maxBuffer: 64 << 20 }).stdout;
}

async function stored(dir: string, codecPath: string) {
  const env = { PATH: codecPath };
  const store = dirStore(dir, env);
  const writer = await store.begin('p-1');
  const tars = { p_a: volumeTar({ one: randomBytes(100_000), two: 'hello' }), p_b: volumeTar({ three: 'y'.repeat(5000) }) };
  const volumes: VolumeRecord[] = [];
  for (const [name, tar] of Object.entries(tars)) {
    const { stored: file, storedBytes } = await writer.writeVolume(name, Readable.from([tar]));
    const files = Object.keys(name === 'p_a' ? { one: 1, two: 1 } : { three: 1 }).length;
    const bytes = name === 'p_a' ? 100_005 : 5000;
    volumes.push({ name, driver: 'local', labels: {}, options: {}, services: [], containers: [], files, bytes, sha256: await sha256Of(Readable.from([tar])), consistency: '', pausedMs: 0, storedBytes, stored: file });
  }
  const manifest: Manifest = { format: 1, id: 'p-1', project: 'p', time: '2026-11-24T12:00:00Z', host: 'h', engine: { endpoint: 'unix:///x', version: '27' }, command: ['docker'], reason: 'r', volumes, verified: true, store: 'dir' };
  await writer.commit(manifest);
  return { store, manifest, file: (volume: string) => path.join(dir, 'p-1', volumes.find((v) => v.name === volume)!.stored) };
}

describe.each([['zstd', process.env.PATH ?? ''], ['gzip', '/nonexistent']])('verify through the folder store with %s', (_codec, codecPath) => {
  it('an intact snapshot verifies: sha256, files and bytes match', async () => {
    const { store, manifest } = await stored(mkdtempSync(path.join(tmpdir(), 'cg-verify-')), codecPath);
    expect(await verifySnapshot(store, manifest)).toEqual({ id: 'p-1', ok: true, volumes: 2, files: 3, bytes: 105_005, problems: [], conclusive: true });
  });

  it('a flipped byte is reported for its volume alone', async () => {
    const { store, manifest, file } = await stored(mkdtempSync(path.join(tmpdir(), 'cg-verify-')), codecPath);
    const bytes = readFileSync(file('p_a'));
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    writeFileSync(file('p_a'), bytes);
    const verdict = await verifySnapshot(store, manifest);
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toHaveLength(1);
    expect(verdict.problems[0]).toMatch(/^p_a: (cannot be read back|sha256 )/);
    expect(verdict.conclusive).toBe(true);
  });

  it('a truncated file, a missing file and a manifest that disagrees are reported', async () => {
    const { store, manifest, file } = await stored(mkdtempSync(path.join(tmpdir(), 'cg-verify-')), codecPath);
    writeFileSync(file('p_a'), readFileSync(file('p_a')).subarray(0, 40));
    rmSync(file('p_b'));
    const verdict = await verifySnapshot(store, manifest);
    expect(verdict.problems).toEqual([
      expect.stringMatching(/^p_a: \S+ holds 40 bytes, \d+ were written$/),
      expect.stringMatching(/^p_b: \S+ is missing$/),
      expect.stringMatching(/^p_a: (cannot be read back|sha256 )/),
      expect.stringMatching(/^p_b: cannot be read back \(.*(ENOENT|No such file)/),
    ]);
    const counted = await stored(mkdtempSync(path.join(tmpdir(), 'cg-verify-')), codecPath);
    const wrong = { ...counted.manifest, volumes: counted.manifest.volumes.map((v) => (v.name === 'p_b' ? { ...v, files: 2 } : v)) };
    expect((await verifySnapshot(counted.store, wrong)).problems).toEqual(['p_b: 1 files, 5000 bytes; the manifest says 2 files, 5000 bytes']);
  });

  it('a deadline that has passed leaves the volumes unread and the snapshot unverified', async () => {
    const { store, manifest } = await stored(mkdtempSync(path.join(tmpdir(), 'cg-verify-')), codecPath);
    const verdict = await verifySnapshot(store, manifest, AbortSignal.abort(new Error('out of time')));
    expect(verdict.problems).toEqual(['p_a: not read (out of time)', 'p_b: not read (out of time)']);
    expect(verdict.conclusive).toBe(false);
  });
});
