// Compression for the folder store: zstd when the program is on PATH (fast, multi-threaded),
// gzip from Node's zlib otherwise. zstd reads the archive on its stdin and writes the file
// itself, so the compressed bytes never pass through Node; both codecs carry a checksum of the
// content (zstd's frame checksum, gzip's CRC-32), which `checkStored` proves by decoding the
// file as it lies on disk.
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { PassThrough, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { firstOnPath } from '../../cli/real-binary.js';
import { withoutCpuLimit } from './no-cpu-limit.js';

export type Codec = 'zstd' | 'gzip';
type Env = Record<string, string | undefined>;

export function preferredCodec(env: Env): Codec {
  return firstOnPath('zstd', env.PATH ?? '') ? 'zstd' : 'gzip';
}

export const EXTENSION: Record<Codec, string> = { zstd: '.tar.zst', gzip: '.tar.gz' };

/** Runs zstd; resolves when it exited 0, rejects with its own words otherwise. */
function zstd(args: string[], env: Env, stdio: ['pipe' | 'ignore', 'pipe' | 'ignore' | number], stdin?: Readable): { stdout: Readable | null; done: Promise<void> } {
  const [file, argv] = withoutCpuLimit(['zstd', '-q', ...args]);
  const child = spawn(file, argv, { stdio: [...stdio, 'pipe'], env });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const exited = new Promise<void>((resolve, reject) => {
    child.on('error', (e) => reject(new Error(`zstd could not run: ${e.message}`)));
    child.on('close', (code, signal) => (code === 0 ? resolve() : reject(new Error(`zstd failed (${signal ?? `status ${code}`}): ${stderr.trim()}`))));
  });
  // What zstd says when it stops wins over the broken pipe its stopping causes.
  const fed = stdin ? pipeline(stdin, child.stdin!) : Promise.resolve();
  const done = Promise.allSettled([exited, fed]).then(([e, f]) => {
    if (e.status === 'rejected') throw e.reason;
    if (f.status === 'rejected') throw f.reason;
  });
  done.catch(() => { if (child.exitCode === null) child.kill(); });
  return { stdout: child.stdout, done };
}

/** Compresses `tar` into `file` (created, mode 0600). */
export async function compressInto(codec: Codec, env: Env, tar: Readable, file: string): Promise<void> {
  if (codec === 'gzip') return pipeline(tar, createGzip({ level: 3 }), createWriteStream(file, { mode: 0o600, flags: 'wx' }));
  const out = await open(file, 'wx', 0o600);
  try {
    const run = zstd(['-3', '-T0', '--check', '-c'], env, ['pipe', out.fd], tar);
    await out.close();
    await run.done;
  } finally {
    await out.close().catch(() => undefined);
  }
}

/** Decodes the stored file to its end: its size, and the codec's checksum of the content, hold. */
export async function checkStored(codec: Codec, env: Env, file: string): Promise<void> {
  if (codec === 'zstd') return zstd(['-t', file], env, ['ignore', 'ignore']).done;
  await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), createGunzip(), new Writable({ write: (_c, _e, next) => next() }));
}

/** The archive a stored file holds; the stream fails (never just ends) when decoding fails. */
export function decompressFrom(codec: Codec, env: Env, file: string): Readable {
  if (codec === 'gzip') {
    const gunzip = createGunzip();
    const source = createReadStream(file, { highWaterMark: 1 << 20 });
    source.on('error', (e) => gunzip.destroy(e));
    return source.pipe(gunzip);
  }
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  const run = zstd(['-d', '-c', file], env, ['ignore', 'pipe']);
  run.stdout!.pipe(out, { end: false });
  // zstd's exit is reported after its output was read to the end: only a clean exit ends it.
  run.done.then(() => out.end(), (e: Error) => out.destroy(e));
  out.on('close', () => run.stdout!.destroy());
  return out;
}
