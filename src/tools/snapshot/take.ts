// Taking a snapshot: every existing volume is copied through the archive endpoint of a container
// that mounts it (source.ts) while the containers writing to it are paused, counted and hashed as
// it streams, stored, and the stored copy checked; only then is the snapshot committed (and old
// ones pruned).
import { randomBytes } from 'node:crypto';
import { volumeSizeMap } from '../../daemon/engine.js';
import type { StreamEngine } from '../engine-stream.js';
import { ArchiveTap } from './archive-tap.js';
import { helperImage, inspectVolume, volumeUsers } from './helper.js';
import { pauseWriters } from './pause.js';
import { ProgressLine } from './progress.js';
import { volumeSource, type VolumeSource } from './source.js';
import { prune, type Manifest, type SnapshotStore, type VolumeRecord } from './store.js';

export interface TakeInputs {
  engine: StreamEngine;
  store: SnapshotStore;
  volumes: Array<{ name: string; services: string[] }>;
  project: string | null;
  command: string[];
  reason: string;
  host: string;
  now: Date;
  keep: number;
  /** Aborts the copy (Ctrl-C): containers are unpaused and nothing is committed. */
  signal?: AbortSignal;
  /** Progress output (a terminal's stderr); none when undefined. */
  progress?: (text: string) => void;
  /** How long the engine may send nothing while the store waits for more (default stall-watch.ts STALL_MS). */
  stallMs?: number;
}

export interface Taken {
  manifest: Manifest;
  skipped: string[];
  pruned: string[];
}

export function snapshotId(project: string | null, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${project ?? 'volumes'}-${stamp}-${randomBytes(3).toString('hex')}`;
}

async function volumeSizes(engine: StreamEngine): Promise<Map<string, number>> {
  return volumeSizeMap(await engine.json<unknown>('GET', '/system/df', undefined, 20_000).catch(() => undefined));
}

function download(engine: StreamEngine, source: VolumeSource, signal: AbortSignal | undefined) {
  return engine.download(`/containers/${source.container}/archive?path=${encodeURIComponent(source.path)}`, undefined, signal);
}

export async function takeSnapshot(inputs: TakeInputs): Promise<Taken> {
  const { engine, store, signal } = inputs;
  signal?.throwIfAborted();
  // The engine's answers that do not depend on one another are asked for at once: each is a
  // round trip, and on a busy engine those add up before the first byte is copied.
  const [version, infos, sizes] = await Promise.all([
    engine.json<{ Version: string }>('GET', '/version'),
    Promise.all(inputs.volumes.map((v) => inspectVolume(engine, v.name))),
    inputs.progress ? volumeSizes(engine) : new Map<string, number>(),
  ]);
  const existing: Array<{ name: string; services: string[]; info: NonNullable<Awaited<ReturnType<typeof inspectVolume>>> }> = [];
  const skipped: string[] = [];
  inputs.volumes.forEach((v, i) => {
    const info = infos[i];
    if (info) existing.push({ ...v, info });
    else skipped.push(v.name);
  });
  let helperImageId: Promise<string> | undefined;
  const image = () => (helperImageId ??= helperImage(engine));
  const id = snapshotId(inputs.project, inputs.now);
  const writer = await store.begin(id);
  const records: VolumeRecord[] = [];
  try {
    for (const { name, services, info } of existing) {
      signal?.throwIfAborted();
      const users = await volumeUsers(engine, name);
      let source = await volumeSource(engine, name, users, image);
      try {
        const paused = await pauseWriters(engine, users);
        let pausedMs = 0;
        const expected = sizes.get(name);
        let tap: ArchiveTap | undefined;
        let stored: { storedBytes: number; stored: string };
        try {
          // Waiting for the archive's answer ends at an interruption too: the writers are paused.
          const archive = await download(engine, source, signal).catch(async (error: unknown) => {
            // A container of the service that cannot serve its archive: a helper can.
            if (source.via === 'helper' || signal?.aborted) throw error;
            await source.release();
            source = await volumeSource(engine, name, [], image);
            return download(engine, source, signal);
          });
          // Created once the answer is there: its stall watch is for the archive's bytes, not the answer.
          tap = new ArchiveTap(new ProgressLine(`snapshot ${name}`, expected, inputs.progress), inputs.stallMs);
          const tar = archive.pipe(tap);
          archive.on('error', (e) => tar.destroy(e));
          // The store's reader reports a failure of this stream; once it has stopped listening
          // (its program done or failed), a late error must not become an uncaught exception.
          tar.on('error', () => undefined);
          // Interrupted: the store's reader fails with the interruption, and the engine's stream ends.
          const onAbort = () => {
            tar.destroy(new Error('interrupted'));
            archive.destroy();
          };
          signal?.addEventListener('abort', onAbort);
          // Interrupted while the archive's answer was awaited: a listener added now is never called.
          if (signal?.aborted) onAbort();
          try {
            stored = await writer.writeVolume(name, tar);
          } finally {
            signal?.removeEventListener('abort', onAbort);
            archive.destroy();
          }
        } finally {
          pausedMs = await paused.resume();
        }
        signal?.throwIfAborted();
        const consistency = paused.names.length > 0 ? `paused ${paused.names.join(', ')} for ${pausedMs} ms` : 'no running container used it';
        records.push({
          name, driver: info.Driver, labels: info.Labels ?? {}, options: info.Options ?? {},
          services: [...new Set([...services, ...users.flatMap((u) => (u.service ? [u.service] : []))])].sort(),
          containers: users.map((u) => u.name), files: tap!.count.files, bytes: tap!.count.bytes, sha256: tap!.digest,
          consistency, pausedMs: paused.names.length > 0 ? pausedMs : 0, root: source.root, ...stored,
        });
      } finally {
        await source.release().catch(() => undefined);
      }
    }
    for (const record of records) {
      signal?.throwIfAborted();
      await writer.verify(record.stored, record.sha256);
    }
    const manifest: Manifest = {
      format: 1, id, project: inputs.project, time: inputs.now.toISOString(), host: inputs.host,
      engine: { endpoint: engine.endpoint, version: version.Version }, command: inputs.command, reason: inputs.reason,
      volumes: records, verified: true, store: `${store.kind}:${store.location}`,
    };
    signal?.throwIfAborted();
    await writer.commit(manifest);
    const pruned = await prune(store, inputs.project, inputs.keep).catch(() => []);
    return { manifest, skipped, pruned };
  } catch (error) {
    await writer.abort().catch(() => undefined);
    throw error;
  }
}
