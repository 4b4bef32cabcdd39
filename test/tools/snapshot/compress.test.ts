// The folder store's codecs: zstd (the real program) when it is on PATH, else gzip from zlib.
// What they write is a real .zst or .gz file that the command-line tools read; a round trip
// gives the same bytes; a damaged file, or a zstd that fails part-way, fails loudly instead of
// yielding less.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { checkStored, compressInto, decompressFrom, EXTENSION, preferredCodec, type Codec } from '../../../src/tools/snapshot/compress.js';

const env = { PATH: process.env.PATH };
const data = Buffer.concat(Array.from({ length: 2000 }, (_, i) => Buffer.from(`row ${i} of a volume's tar stream\n`)));
const scratch = () => mkdtempSync(path.join(tmpdir(), 'cg-compress-'));

async function readAll(stream: Readable): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const c of stream) out.push(c as Buffer);
  return Buffer.concat(out);
}

/** A zstd that is cut short (killed, out of space): part of the output, then a failure. */
function cutShortZstd(): Record<string, string | undefined> {
  const dir = scratch();
  writeFileSync(path.join(dir, 'zstd'), '#!/bin/sh\ncat >/dev/null 2>&1\nprintf partial\necho "zstd: cut short" >&2\nexit 1\n', { mode: 0o755 });
  return { PATH: `${dir}:${process.env.PATH}` };
}

describe('preferredCodec', () => {
  it('is zstd when zstd is on PATH, gzip otherwise', () => {
    expect(preferredCodec(env)).toBe('zstd');
    expect(preferredCodec({ PATH: '/nonexistent' })).toBe('gzip');
    expect(preferredCodec({})).toBe('gzip');
    expect(EXTENSION).toEqual({ zstd: '.tar.zst', gzip: '.tar.gz' });
  });
});

describe.each([
  ['zstd', 'zstd', [0x28, 0xb5, 0x2f, 0xfd]],
  ['gzip', 'gzip', [0x1f, 0x8b]],
] as Array<[Codec, string, number[]]>)('%s', (codec, tool, magic) => {
  it(`writes a real ${EXTENSION[codec]} (mode 0600) that ${tool} -d reads back, smaller than its input`, async () => {
    const file = path.join(scratch(), `v${EXTENSION[codec]}`);
    await compressInto(codec, env, Readable.from([data.subarray(0, 5000), data.subarray(5000)]), file);
    const packed = readFileSync(file);
    expect([...packed.subarray(0, magic.length)]).toEqual(magic);
    expect(packed.length).toBeLessThan(data.length / 5);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(execFileSync(tool, ['-d', '-c'], { input: packed }).equals(data)).toBe(true);
    await checkStored(codec, env, file);
  });

  it('reads back what the command-line tool wrote', async () => {
    const file = path.join(scratch(), `v${EXTENSION[codec]}`);
    writeFileSync(file, execFileSync(tool, ['-c'], { input: data }));
    expect((await readAll(decompressFrom(codec, env, file))).equals(data)).toBe(true);
  });

  it('refuses to overwrite a file', async () => {
    const file = path.join(scratch(), `v${EXTENSION[codec]}`);
    writeFileSync(file, 'already here');
    await expect(compressInto(codec, env, Readable.from([data]), file)).rejects.toThrow();
    expect(readFileSync(file, 'utf8')).toBe('already here');
  });

  it.each([
    ['damaged', (p: Buffer) => Buffer.concat([p.subarray(0, 20), Buffer.alloc(64, 0x55), p.subarray(84)])],
    ['cut short', (p: Buffer) => p.subarray(0, Math.floor(p.length / 2))],
  ])('a %s file fails the check and the read', async (_name, spoil) => {
    const file = path.join(scratch(), `v${EXTENSION[codec]}`);
    writeFileSync(file, spoil(execFileSync(tool, ['-c'], { input: data })));
    await expect(checkStored(codec, env, file)).rejects.toThrow();
    await expect(readAll(decompressFrom(codec, env, file))).rejects.toThrow();
  });
});

describe('zstd failing part-way', () => {
  it('fails the compression with its status and message', async () => {
    const file = path.join(scratch(), 'v.tar.zst');
    await expect(compressInto('zstd', cutShortZstd(), Readable.from([data]), file)).rejects.toThrow('zstd failed (status 1): zstd: cut short');
  });

  it('fails the read after the part it gave, never just ends it', async () => {
    const file = path.join(scratch(), 'v.tar.zst');
    writeFileSync(file, execFileSync('zstd', ['-c'], { input: data }));
    for (let i = 0; i < 5; i++) await expect(readAll(decompressFrom('zstd', cutShortZstd(), file))).rejects.toThrow('zstd failed (status 1)');
    await expect(checkStored('zstd', cutShortZstd(), file)).rejects.toThrow('zstd failed (status 1)');
  });

  it('fails when zstd is missing', async () => {
    await expect(compressInto('zstd', { PATH: '/nonexistent' }, Readable.from([data]), path.join(scratch(), 'v.tar.zst'))).rejects.toThrow(/zstd/);
  });
});
