// Reading what a volume holds now, through a helper container: its files and bytes (for
// restore's check), and whether it is empty.
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { StreamEngine } from '../engine-stream.js';
import { createHelper, MOUNT } from './helper.js';
import { STALL_MS, stallWatch } from './stall-watch.js';
import { TarCounter, type TarCount } from './tar-count.js';

export async function countVolume(engine: StreamEngine, volume: string, image?: string): Promise<TarCount> {
  const helper = await createHelper(engine, volume, true, image);
  try {
    return await countAt(engine, helper.id, MOUNT);
  } finally {
    await helper.remove().catch(() => undefined);
  }
}

/**
 * The files and bytes under the path of a container where a volume is mounted. Nothing here
 * holds the bytes back, so an engine that sends nothing for `stallMs` (stall-watch.ts STALL_MS,
 * as for a snapshot's copy) has stalled: the count fails rather than wait for ever.
 */
export async function countAt(engine: StreamEngine, container: string, mount: string, stallMs = STALL_MS): Promise<TarCount> {
  const archive = await engine.download(`/containers/${container}/archive?path=${encodeURIComponent(mount)}`);
  const counter = new TarCounter();
  const watch = stallWatch(stallMs, () => true, () => archive.destroy(new Error(`the engine sent nothing of the archive for ${stallMs / 1000} s`)));
  try {
    // A pipeline, not pipe(): the connection's own failure (a reset) must fail the count, where
    // pipe() would leave it unheard (the count waiting for ever) and unhandled (the process down).
    await pipeline(archive, counter, new Writable({ write: (_chunk, _encoding, done) => { watch.seen(); done(); } }));
  } finally {
    watch.stop();
  }
  // The mount point itself is one entry.
  return { ...counter.count, entries: counter.count.entries - 1 };
}
