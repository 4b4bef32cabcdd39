// Compression for the folder store: zstd when the program is on PATH (fast, multi-threaded),
// gzip from Node's zlib otherwise. zstd reads the archive on its stdin and writes the file
// itself, so the compressed bytes never pass through Node; both codecs carry a checksum of the
// content (zstd's frame checksum, gzip's CRC-32), which the check proves by decoding the file
// as it lies on disk.
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { PassThrough, Readable, Writable } from 'node:stream';
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

/**
 * Compresses `tar` into `file` (created, mode 0600). Resolves, once the file is complete, with
 * its check: the file decoded to its end, from disk (the codec's checksum of the content must
 * match). zstd's check runs beside the compression, reading the file as it grows, so it costs
 * the copy almost no time; gzip's runs when asked.
 */
export async function compressInto(codec: Codec, env: Env, tar: Readable, file: string): Promise<{ check(): Promise<void> }> {
  if (codec === 'gzip') {
    await pipeline(tar, createGzip({ level: 3 }), createWriteStream(file, { mode: 0o600, flags: 'wx' }));
    return { check: () => checkStored(codec, env, file) };
  }
  const out = await open(file, 'wx', 0o600);
  let written: Promise<void>;
  try {
    written = zstd(['-3', '-T0', '--check', '-c'], env, ['pipe', out.fd], tar).done;
  } finally {
    await out.close();
  }
  const fed = { bytes: 0 };
  const checked = zstd(['-t'], env, ['pipe', 'ignore'], Readable.from(follow(file, written, fed))).done.then(async () => {
    const after = await stat(file);
    if (fed.bytes !== after.size) throw new Error(`the check read ${fed.bytes} of its ${after.size} bytes`);
    return after;
  });
  checked.catch(() => undefined);
  await written;
  // Asked later, the check also proves the file has not changed since it was read.
  return {
    check: async () => {
      const seen = await checked;
      const now = await stat(file);
      if (now.size !== seen.size || now.mtimeMs !== seen.mtimeMs) throw new Error('it changed after it was checked');
    },
  };
}

/** A file's bytes as another process writes it, to its end once `done` has settled. */
async function* follow(file: string, done: Promise<unknown>, fed: { bytes: number }): AsyncGenerator<Buffer> {
  let finished = false;
  done.then(() => { finished = true; }, () => { finished = true; });
  const handle = await open(file, 'r');
  try {
    for (;;) {
      const last = finished;
      const { bytesRead, buffer } = await handle.read(Buffer.allocUnsafe(1 << 20), 0, 1 << 20, fed.bytes);
      fed.bytes += bytesRead;
      if (bytesRead > 0) yield buffer.subarray(0, bytesRead);
      else if (last) return;
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await handle.close();
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
