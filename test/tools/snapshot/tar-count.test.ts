// Counting files and bytes in real tar streams made by GNU tar, with long names (GNU and pax
// headers) and sizes that are not multiples of 512.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { TarCounter } from '../../../src/tools/snapshot/tar-count.js';

function tree(): { dir: string; files: number; bytes: number } {
  const dir = mkdtempSync(path.join(tmpdir(), 'cg-tar-'));
  const long = 'n'.repeat(120);
  mkdirSync(path.join(dir, 'v', long, 'deeper'), { recursive: true });
  const sizes = [0, 1, 511, 512, 513, 70_000];
  sizes.forEach((size, i) => writeFileSync(path.join(dir, 'v', long, 'deeper', `f${i}-${'x'.repeat(90)}`), Buffer.alloc(size, i)));
  writeFileSync(path.join(dir, 'v', 'plain'), 'abc');
  symlinkSync('plain', path.join(dir, 'v', 'link'));
  return { dir, files: sizes.length + 1, bytes: sizes.reduce((a, b) => a + b, 0) + 3 };
}

/** A ustar header of a type and size (the fields the counter reads). */
function header(name: string, type: string, size: number): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 'latin1');
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  h.write(type, 156, 'latin1');
  return h;
}

async function count(tar: Buffer, chunk: number) {
  const counter = new TarCounter();
  const parts: Buffer[] = [];
  for (let i = 0; i < tar.length; i += chunk) parts.push(tar.subarray(i, i + chunk));
  for await (const _ of Readable.from(parts).pipe(counter)) { /* drain */ }
  return counter.count;
}

describe('TarCounter', () => {
  it.each([['gnu'], ['pax']])('counts regular files and bytes of a %s archive, in any chunking', async (format) => {
    const { dir, files, bytes } = tree();
    const tar = execFileSync('tar', ['-C', dir, `--format=${format}`, '-cf', '-', 'v']);
    for (const chunk of [1, 7, 512, 4096, tar.length]) expect(await count(tar, chunk)).toMatchObject({ files, bytes });
  });

  it('passes every byte through unchanged', async () => {
    const { dir } = tree();
    const tar = execFileSync('tar', ['-C', dir, '-cf', '-', 'v']);
    const out: Buffer[] = [];
    for await (const c of Readable.from([tar]).pipe(new TarCounter())) out.push(c as Buffer);
    expect(Buffer.concat(out).equals(tar)).toBe(true);
  });

  it('knows a whole archive from one cut short anywhere before its end, and fails the stream then', async () => {
    const { dir } = tree();
    const tar = execFileSync('tar', ['-C', dir, '--format=gnu', '-cf', '-', 'v']);
    const whole = new TarCounter();
    for await (const _ of Readable.from([tar]).pipe(whole)) { /* drain */ }
    expect(whole.complete).toBe(true);
    // The end is the first block of zeros where a header would be; every cut before it is caught.
    let last = tar.length / 512 - 1;
    while (tar.subarray(last * 512, last * 512 + 512).every((b) => b === 0)) last--;
    const end = (last + 1) * 512;
    for (const cut of [0, 100, 512, 1000, 70_000, end - 1, end]) {
      const counter = new TarCounter();
      await expect((async () => { for await (const _ of Readable.from([tar.subarray(0, cut)]).pipe(counter)) { /* drain */ } })())
        .rejects.toThrow('the archive ended before its end');
      expect(counter.complete).toBe(false);
    }
  });

  it("reads pax records by their lengths: a name holding a size record's text neither moves the end nor changes the count", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cg-tar-'));
    mkdirSync(path.join(dir, 'v'));
    writeFileSync(path.join(dir, 'v', `x\n9 size=0\n${'a'.repeat(120)}`), Buffer.concat([Buffer.alloc(4096), Buffer.alloc(100, 'z')]));
    const tar = execFileSync('tar', ['-C', dir, '--format=pax', '-cf', '-', 'v']);
    expect(await count(tar, 512)).toMatchObject({ files: 1, bytes: 4196 });
    for (const cut of [2048, 4096, 5120]) {
      await expect((async () => { for await (const _ of Readable.from([tar.subarray(0, cut)]).pipe(new TarCounter())) { /* drain */ } })())
        .rejects.toThrow('the archive ended before its end');
    }
  });

  it("skips the data of an entry type it does not know, as Go's reader does, and none for links, devices and directories", async () => {
    // A GNU sparse entry ('S') of 1024 bytes of zeros, a directory whose size field says 512 (no
    // data follows), then a regular file, then the archive's end.
    const tar = Buffer.concat([
      header('v/sparse', 'S', 1024), Buffer.alloc(1024),
      header('v/dir/', '5', 512),
      header('v/file', '0', 3), Buffer.from('abc'.padEnd(512, '\0')),
      Buffer.alloc(1024),
    ]);
    const whole = new TarCounter();
    for await (const _ of Readable.from([tar]).pipe(whole)) { /* drain */ }
    expect(whole.count).toEqual({ files: 1, bytes: 3, entries: 3 });
    expect(whole.complete).toBe(true);
    // Cut inside the sparse entry's zeros: not the archive's end.
    for (const cut of [1024, 1536]) {
      await expect((async () => { for await (const _ of Readable.from([tar.subarray(0, cut)]).pipe(new TarCounter())) { /* drain */ } })())
        .rejects.toThrow('the archive ended before its end');
    }
  });

  it('does not hold a pax header over 1 MiB: such an archive cannot be counted, whole or not', async () => {
    const records = Buffer.alloc(2 << 20, 'a');
    const tar = Buffer.concat([header('PaxHeader/f', 'x', records.length), records, header('v/f', '0', 3), Buffer.from('abc'.padEnd(512, '\0')), Buffer.alloc(1024)]);
    const counter = new TarCounter();
    await expect((async () => { for await (const _ of Readable.from([tar]).pipe(counter)) { /* drain */ } })())
      .rejects.toThrow('the archive cannot be counted: a pax header of 2097152 bytes (at most 1048576 are read)');
    expect(counter.complete).toBe(false);
    // One of exactly 1 MiB is read (its records are not size records: the file's own size counts).
    const fits = Buffer.concat([header('PaxHeader/f', 'x', 1 << 20), Buffer.alloc(1 << 20, 'a'), header('v/f', '0', 3), Buffer.from('abc'.padEnd(512, '\0')), Buffer.alloc(1024)]);
    const read = new TarCounter();
    for await (const _ of Readable.from([fits]).pipe(read)) { /* drain */ }
    expect([read.complete, read.count]).toEqual([true, { files: 1, bytes: 3, entries: 1 }]);
  });
});
