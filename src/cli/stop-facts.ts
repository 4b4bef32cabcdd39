// What the stop message adds about each volume: its size (the engine's own count) and the age of
// its newest snapshot in the folder store. Gathered only when a command is stopped, within a
// short deadline; anything that cannot be learnt in time is simply left out. Only for volumes
// that may exist: the message says nothing more of one the engine does not have, so when none
// may exist nothing is asked (the engine's size count walks every volume it holds). The sizes are
// asked of the engine as the judgement reached it, with the same settings (Compose v1's `.env`).
import type { Env } from '../host.js';
import type { Judgement } from '../judge.js';
import { snapshotPlace } from '../policy/snapshots.js';
import { folderManifests } from '../tools/snapshot/folder-manifests.js';

export interface VolumeFacts {
  size?: number;
  /** The newest snapshot holding the volume, and how old it is. */
  snapshot?: { id: string; ageMs: number };
}

/** How long the stop message waits for the sizes: a local engine counts its volumes at once. */
const SIZES_WAIT_MS = 500;

async function sizes(j: Judgement): Promise<Map<string, number>> {
  try {
    return (await j.engine?.volumeSizes?.(SIZES_WAIT_MS)) ?? new Map();
  } catch {
    return new Map();
  }
}

/** The newest snapshot holding each volume, from the manifests of the snapshot folder. */
function newestSnapshots(j: Judgement, env: Env, uid: number): Map<string, { id: string; time: string }> {
  const found = new Map<string, { id: string; time: string }>();
  const place = snapshotPlace(j.policy, env, uid);
  if (place.repository) return found;
  const project = j.resolution.project?.name;
  const newest = (names: string[]) => names.filter((n) => !project || n.startsWith(`${project}-`)).sort().reverse().slice(0, 50);
  for (const m of folderManifests<{ id: string; time: string; volumes: Array<{ name: string }> }>(place.dir, newest)) {
    try {
      for (const v of m.volumes) {
        const seen = found.get(v.name);
        if (!seen || seen.time < m.time) found.set(v.name, { id: m.id, time: m.time });
      }
    } catch { /* not a snapshot's manifest */ }
  }
  return found;
}

export async function stopFacts(j: Judgement, env: Env, uid: number, now: Date): Promise<Map<string, VolumeFacts>> {
  const concerned = j.resolution.volumes.some((v) => v.exists !== false);
  const [size, snaps] = concerned ? [await sizes(j), newestSnapshots(j, env, uid)] : [new Map<string, number>(), new Map<string, { id: string; time: string }>()];
  return new Map(j.resolution.volumes.map((v) => {
    const snap = snaps.get(v.name);
    return [v.name, { size: size.get(v.name), snapshot: snap ? { id: snap.id, ageMs: now.getTime() - Date.parse(snap.time) } : undefined }];
  }));
}
