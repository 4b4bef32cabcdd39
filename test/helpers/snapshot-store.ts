// Snapshots committed to a real folder store for the tools' tests: each volume's bytes written
// (compressed) as the store writes them, with a manifest that records their sha256.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { dirStore } from '../../src/tools/snapshot/dir-store.js';
import { sha256Of } from '../../src/tools/snapshot/hash-tap.js';
import { TarCounter } from '../../src/tools/snapshot/tar-count.js';
import type { Manifest } from '../../src/tools/snapshot/store.js';

export interface Planned {
  id: string;
  project: string | null;
  time: string;
  verified?: boolean;
  /** Volume name and the bytes its "tar" holds. */
  volumes: Record<string, Buffer>;
  /** The bytes are real tars: the manifest records the files and bytes they hold. */
  tars?: boolean;
}

/** A folder, and a policy file (at COMPOSE_GUARD_POLICY) whose snapshots go there. */
export function snapshotPolicy(env: Record<string, string | undefined>, extra = ''): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'cg-snaps-')), 'snapshots');
  writeFileSync(env.COMPOSE_GUARD_POLICY as string, `snapshots:\n  dir: ${dir}\n${extra}`);
  return dir;
}

export async function commitSnapshots(dir: string, planned: Planned[]): Promise<Manifest[]> {
  const store = dirStore(dir, { PATH: process.env.PATH });
  const manifests: Manifest[] = [];
  for (const p of planned) {
    const writer = await store.begin(p.id);
    const volumes = [];
    for (const [name, bytes] of Object.entries(p.volumes)) {
      const { stored, storedBytes } = await writer.writeVolume(name, Readable.from([bytes]));
      const counter = new TarCounter();
      counter.consume(bytes);
      const counted = p.tars ? counter.count : { files: 1, bytes: bytes.length };
      volumes.push({
        name, driver: 'local', labels: {}, options: {}, services: [], containers: [], files: counted.files, bytes: counted.bytes,
        sha256: await sha256Of(Readable.from([bytes])), consistency: 'no running container used it', pausedMs: 0, storedBytes, stored,
      });
    }
    const manifest: Manifest = {
      format: 1, id: p.id, project: p.project, time: p.time, host: 'test-host', engine: { endpoint: 'unix:///x', version: '28.0' },
      command: ['docker', 'compose', 'down', '-v'], reason: 'test', volumes, verified: p.verified ?? true, store: `dir:${dir}`,
    };
    await writer.commit(manifest);
    manifests.push(manifest);
  }
  return manifests;
}
