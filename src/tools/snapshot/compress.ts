// Compression for the folder store: zstd when the program is on PATH (fast, multi-threaded),
// gzip from Node's zlib otherwise. Both are streams, so nothing is held in memory.
import { spawn } from 'node:child_process';
import { withoutCpuLimit } from './no-cpu-limit.js';
import { Duplex } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { firstOnPath } from '../../cli/real-binary.js';

export type Codec = 'zstd' | 'gzip';

export function preferredCodec(env: Record<string, string | undefined>): Codec {
  return firstOnPath('zstd', env.PATH ?? '') ? 'zstd' : 'gzip';
}

export const EXTENSION: Record<Codec, string> = { zstd: '.tar.zst', gzip: '.tar.gz' };

function program(argv: string[], env: Record<string, string | undefined>): Duplex {
  const [file, args] = withoutCpuLimit(argv);
  const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'], env });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  const duplex = Duplex.from({ writable: child.stdin, readable: child.stdout });
  child.on('error', (e) => duplex.destroy(e));
  child.on('close', (code, signal) => {
    if (code !== 0 && !duplex.destroyed) duplex.destroy(new Error(`${argv[0]} failed (${signal ?? `status ${code}`}): ${stderr.trim()}`));
  });
  duplex.on('close', () => { if (child.exitCode === null) child.kill(); });
  return duplex;
}

export function compressor(codec: Codec, env: Record<string, string | undefined>): Duplex {
  return codec === 'zstd' ? program(['zstd', '-q', '-3', '-T0', '-c'], env) : createGzip({ level: 3 });
}

export function decompressor(codec: Codec, env: Record<string, string | undefined>): Duplex {
  return codec === 'zstd' ? program(['zstd', '-q', '-d', '-c'], env) : createGunzip();
}
