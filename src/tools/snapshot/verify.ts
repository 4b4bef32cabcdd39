// Verifying a stored snapshot, the same way through either store: every volume's tar stream is
// read back and its sha256, files and bytes compared with the manifest; the store adds what it
// can tell itself (the folder store: each file's size as written).
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { HashTap } from './hash-tap.js';
import type { Manifest, SnapshotStore } from './store.js';
import { TarCounter } from './tar-count.js';

export interface SnapshotVerdict {
  id: string;
  ok: boolean;
  volumes: number;
  files: number;
  bytes: number;
  problems: string[];
  /** It says something of the snapshot: the deadline cut no read short, or a problem was found anyway. */
  conclusive: boolean;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

export async function verifySnapshot(store: SnapshotStore, manifest: Manifest, signal?: AbortSignal): Promise<SnapshotVerdict> {
  let cut = 0;
  const problems = await store.storedProblems(manifest).catch((error: unknown) => [`the store cannot say: ${firstLine(error)}`]);
  for (const v of manifest.volumes) {
    if (signal?.aborted) {
      cut += 1;
      problems.push(`${v.name}: not read (${firstLine(signal.reason)})`);
      continue;
    }
    const counter = new TarCounter();
    const hash = new HashTap();
    try {
      const tar = await store.read(manifest, v.name);
      await pipeline(tar, counter, hash, new Writable({ write: (_chunk, _enc, done) => done() }), { signal });
    } catch (error) {
      if (signal?.aborted) cut += 1;
      problems.push(`${v.name}: cannot be read back (${signal?.aborted ? firstLine(signal.reason) : firstLine(error)})`);
      continue;
    }
    if (hash.digest !== v.sha256) problems.push(`${v.name}: sha256 ${hash.digest.slice(0, 16)}…, the manifest says ${v.sha256.slice(0, 16)}…`);
    else if (counter.count.files !== v.files || counter.count.bytes !== v.bytes) {
      problems.push(`${v.name}: ${counter.count.files} files, ${counter.count.bytes} bytes; the manifest says ${v.files} files, ${v.bytes} bytes`);
    }
  }
  return {
    id: manifest.id, ok: problems.length === 0, volumes: manifest.volumes.length, problems, conclusive: cut === 0 || problems.length > cut,
    files: manifest.volumes.reduce((n, v) => n + v.files, 0), bytes: manifest.volumes.reduce((n, v) => n + v.bytes, 0),
  };
}
