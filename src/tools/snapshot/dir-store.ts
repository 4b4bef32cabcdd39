// The folder store: <dir>/<id>/manifest.json and one compressed tar per volume. A snapshot is
// written under <dir>/.<id>.partial and renamed into place only when complete, so an
// interrupted or failed one never counts (and is removed).
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { replaceFile } from './atomic-file.js';
import { compressInto, decompressFrom, EXTENSION, preferredCodec, type Codec } from './compress.js';
import { folderManifests, MANIFEST_FILE } from './folder-manifests.js';
import type { Manifest, SnapshotStore, SnapshotWriter } from './store.js';

type Env = Record<string, string | undefined>;

function fileName(volume: string, codec: Codec): string {
  return `${volume}${EXTENSION[codec]}`;
}

function codecOf(file: string): Codec {
  return file.endsWith(EXTENSION.gzip) ? 'gzip' : 'zstd';
}

export function dirStore(dir: string, env: Env): SnapshotStore {
  return {
    location: dir,
    kind: 'dir',
    async begin(id): Promise<SnapshotWriter> {
      const partial = path.join(dir, `.${id}.partial`);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await mkdir(partial, { mode: 0o700 });
      const codec = preferredCodec(env);
      const written = new Map<string, { size: number; check(): Promise<void> }>();
      return {
        async writeVolume(volume, tar) {
          const file = fileName(volume, codec);
          const { check } = await compressInto(codec, env, tar, path.join(partial, file));
          const storedBytes = (await stat(path.join(partial, file))).size;
          written.set(file, { size: storedBytes, check });
          return { storedBytes, stored: file };
        },
        // The archive's sha256 was taken from the very bytes the compressor was given; decoding
        // the file on disk to its end proves it holds all of them (the codec's checksum of the
        // content must match), and its size must still be what was written.
        async verify(stored) {
          const file = path.join(partial, stored);
          const size = (await stat(file)).size;
          const done = written.get(stored);
          if (!done) throw new Error(`${stored} was not written here`);
          if (size !== done.size) throw new Error(`${stored} is ${size} bytes on disk, ${done.size} were written`);
          await done.check().catch((error: Error) => {
            throw new Error(`${stored} does not read back whole: ${error.message}`);
          });
        },
        async commit(manifest) {
          await writeFile(path.join(partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
          await rename(partial, path.join(dir, id));
        },
        abort: () => rm(partial, { recursive: true, force: true }),
      };
    },
    async list() {
      return folderManifests<Manifest>(dir).sort((a, b) => b.time.localeCompare(a.time));
    },
    async read(manifest, volume) {
      const record = manifest.volumes.find((v) => v.name === volume);
      if (!record) throw new Error(`snapshot ${manifest.id} holds no volume ${volume}`);
      return decompressFrom(codecOf(record.stored), env, path.join(dir, manifest.id, record.stored));
    },
    remove: (manifest) => rm(path.join(dir, manifest.id), { recursive: true, force: true }),
    record: (manifest, verification) => replaceFile(path.join(dir, manifest.id, MANIFEST_FILE), `${JSON.stringify({ ...manifest, verification }, null, 2)}\n`),
    async storedProblems(manifest) {
      const problems: string[] = [];
      for (const v of manifest.volumes) {
        const size = await stat(path.join(dir, manifest.id, v.stored)).then((s) => s.size, () => undefined);
        if (size === undefined) problems.push(`${v.name}: ${v.stored} is missing`);
        else if (size !== v.storedBytes) problems.push(`${v.name}: ${v.stored} holds ${size} bytes, ${v.storedBytes} were written`);
      }
      return problems;
    },
    checkStore: async () => undefined,
  };
}
