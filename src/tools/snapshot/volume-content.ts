// Reading what a volume holds now, through a helper container: its files and bytes (for
// restore's check), and whether it is empty.
import type { StreamEngine } from '../engine-stream.js';
import { createHelper, MOUNT } from './helper.js';
import { TarCounter, type TarCount } from './tar-count.js';

export async function countVolume(engine: StreamEngine, volume: string, image?: string): Promise<TarCount> {
  const helper = await createHelper(engine, volume, true, image);
  try {
    const archive = await engine.download(`/containers/${helper.id}/archive?path=${encodeURIComponent(MOUNT)}`);
    const counter = new TarCounter();
    for await (const _chunk of archive.pipe(counter)) { /* counted as it passes */ }
    // The mount point itself is one entry.
    return { ...counter.count, entries: counter.count.entries - 1 };
  } finally {
    await helper.remove().catch(() => undefined);
  }
}
