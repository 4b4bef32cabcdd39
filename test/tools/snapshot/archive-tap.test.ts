// The archive's one pass-through: every byte handed on unchanged, the files and bytes the tar
// holds counted, its sha256 taken, and the progress line drawn from the same chunks. The tar is
// a real one made by tar(1), cut into uneven chunks.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { ArchiveTap } from '../../../src/tools/snapshot/archive-tap.js';
import { ProgressLine } from '../../../src/tools/snapshot/progress.js';

function realTar(): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), 'cg-tap-'));
  writeFileSync(path.join(dir, 'a.txt'), 'hello');
  writeFileSync(path.join(dir, 'b.bin'), Buffer.alloc(100_000, 7));
  return execFileSync('tar', ['-c', '-C', dir, 'a.txt', 'b.bin']);
}

describe('ArchiveTap', () => {
  it('hands the tar on unchanged, counting, hashing and drawing progress as it passes', async () => {
    const tar = realTar();
    const shown: string[] = [];
    const tap = new ArchiveTap(new ProgressLine('snapshot v', tar.length, (t) => shown.push(t)));
    const out: Buffer[] = [];
    const chunks = [tar.subarray(0, 100), tar.subarray(100, 70_001), tar.subarray(70_001)];
    expect(tap.digest).toBe('');
    await pipeline(Readable.from(chunks), tap, async (s: AsyncIterable<Buffer>) => { for await (const c of s) out.push(c); });
    expect(Buffer.concat(out).equals(tar)).toBe(true);
    expect(tap.count).toMatchObject({ files: 2, bytes: 100_005, entries: 2 });
    expect(tap.digest).toBe(execFileSync('sha256sum', { input: tar }).toString().split(' ')[0]);
    expect(shown[0]).toMatch(/^\r\x1b\[Kcompose-guard: snapshot v {2}100 B of ~/);
    expect(shown.at(-1)).toBe('\r\x1b[K');
  });

  it('draws nothing without a progress line', async () => {
    const tap = new ArchiveTap();
    await pipeline(Readable.from([realTar()]), tap, async (s: AsyncIterable<Buffer>) => { for await (const _ of s) { /* drained */ } });
    expect(tap.count.files).toBe(2);
  });
});

describe('ArchiveTap, whatever the chunking', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cg-tap-'));
  writeFileSync(path.join(dir, 'big'), Buffer.alloc(3_000_001, 'x'));
  writeFileSync(path.join(dir, 'small'), 'abc');
  const tar = execFileSync('tar', ['-C', dir, '-cf', '-', 'big', 'small'], { maxBuffer: 64 << 20 });
  it.each([511, 65_536, 4 << 20])('chunks of %i bytes come out unchanged, in runs of at most about 1 MiB', async (size) => {
    const parts: Buffer[] = [];
    for (let i = 0; i < tar.length; i += size) parts.push(tar.subarray(i, i + size));
    const tap = new ArchiveTap();
    const out: Buffer[] = [];
    for await (const c of Readable.from(parts).pipe(tap)) out.push(c as Buffer);
    expect(Buffer.concat(out).equals(tar)).toBe(true);
    expect(out.length).toBeLessThanOrEqual(Math.ceil(tar.length / Math.min(size, 1 << 20)) + 1);
    expect(tap.digest).toBe(createHash('sha256').update(tar).digest('hex'));
    expect(tap.count).toMatchObject({ files: 2, bytes: 3_000_004 });
  });
});

describe('ArchiveTap, when bytes stop coming', () => {
  it('fails the copy when the engine sends nothing for stallMs while the store waits for more', async () => {
    const tar = realTar();
    const engine = new PassThrough();
    const tap = new ArchiveTap(undefined, 200);
    const started = performance.now();
    const copied = pipeline(engine, tap, new Writable({ write: (_c, _e, next) => next() }));
    engine.write(tar.subarray(0, 2048));
    await expect(copied).rejects.toThrow('the engine sent nothing of the archive for 0.2 s while the store waited for more');
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('waits for a store that is slow to take what it was given, however long', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cg-tap-'));
    writeFileSync(path.join(dir, 'big'), Buffer.alloc(4 << 20, 'y'));
    const tar = execFileSync('tar', ['-C', dir, '-cf', '-', 'big'], { maxBuffer: 64 << 20 });
    const tap = new ArchiveTap(undefined, 100);
    let taken = 0;
    // The store takes its first chunk, then nothing for 600 ms (six stall periods), then the rest.
    const store = new Writable({
      highWaterMark: 1,
      write: (chunk: Buffer, _e, next) => {
        taken += chunk.length;
        if (taken === chunk.length) setTimeout(next, 600);
        else next();
      },
    });
    await pipeline(Readable.from([tar.subarray(0, 1 << 20), tar.subarray(1 << 20)]), tap, store);
    expect(taken).toBe(tar.length);
    expect(tap.count).toMatchObject({ files: 1, bytes: 4 << 20 });
  });
});
