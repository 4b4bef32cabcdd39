// The folder store: <dir>/<id>/manifest.json and one compressed tar per volume. A snapshot is
// written under <dir>/.<id>.partial and renamed into place only when complete, so an
// interrupted or failed one never counts (and is removed).
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { compressor, decompressor, EXTENSION, preferredCodec, type Codec } from './compress.js';
import { HashTap, sha256Of } from './hash-tap.js';
import type { Manifest, SnapshotStore, SnapshotWriter } from './store.js';

type Env = Record<string, string | undefined>;

function fileName(volume: string, codec: Codec): string {
  return `${volume}${EXTENSION[codec]}`;
}

function codecOf(file: string): Codec {
  return file.endsWith(EXTENSION.gzip) ? 'gzip' : 'zstd';
}

export function dirStore(dir: string, env: Env): SnapshotStore {
  const open = (folder: string, file: string): Readable => {
    const source = createReadStream(path.join(folder, file));
    const out = decompressor(codecOf(file), env);
    source.on('error', (e) => out.destroy(e));
    return source.pipe(out);
  };
  return {
    location: dir,
    kind: 'dir',
    async begin(id): Promise<SnapshotWriter> {
      const partial = path.join(dir, `.${id}.partial`);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await mkdir(partial, { mode: 0o700 });
      const codec = preferredCodec(env);
      // The compressed bytes' sha256, taken as they were written.
      const written = new Map<string, string>();
      return {
        async writeVolume(volume, tar) {
          const file = fileName(volume, codec);
          const hash = new HashTap();
          await pipeline(tar, compressor(codec, env), hash, createWriteStream(path.join(partial, file), { mode: 0o600 }));
          written.set(file, hash.digest);
          return { storedBytes: (await stat(path.join(partial, file))).size, stored: file };
        },
        async verify(stored) {
          const onDisk = await sha256Of(createReadStream(path.join(partial, stored)));
          if (onDisk !== written.get(stored)) throw new Error(`${stored} reads back with another sha256 than was written (${onDisk.slice(0, 12)}…)`);
        },
        async commit(manifest) {
          await writeFile(path.join(partial, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
          await rename(partial, path.join(dir, id));
        },
        abort: () => rm(partial, { recursive: true, force: true }),
      };
    },
    async list() {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch {
        return [];
      }
      const manifests: Manifest[] = [];
      for (const name of names.filter((n) => !n.startsWith('.'))) {
        try {
          manifests.push(JSON.parse(await readFile(path.join(dir, name, 'manifest.json'), 'utf8')) as Manifest);
        } catch { /* not a snapshot */ }
      }
      return manifests.sort((a, b) => b.time.localeCompare(a.time));
    },
    async read(manifest, volume) {
      const record = manifest.volumes.find((v) => v.name === volume);
      if (!record) throw new Error(`snapshot ${manifest.id} holds no volume ${volume}`);
      return open(path.join(dir, manifest.id), record.stored);
    },
    remove: (manifest) => rm(path.join(dir, manifest.id), { recursive: true, force: true }),
  };
}
