// Where a snapshot reads a volume's files from. A container that already mounts the whole volume
// (the service's own, in any state, paused for the copy when it runs) serves its archive
// endpoint directly: nothing is created on the engine and no helper has to be set up and torn
// down (on a copy-based storage driver such as vfs, creating one costs seconds). Only when no
// container can serve it cleanly is a never-started helper created.
import path from 'node:path';
import type { StreamEngine } from '../engine-stream.js';
import { createHelper, MOUNT, type VolumeUser } from './helper.js';

export interface VolumeSource {
  /** The container whose archive endpoint is read, and the path there that is the volume. */
  container: string;
  path: string;
  /** The archive's top folder (the path's last name): restore mounts the volume under it. */
  root: string;
  /** "helper" when created for the copy, else the container's name. */
  via: string;
  release(): Promise<void>;
}

interface Inspected {
  Mounts?: Array<{ Type?: string; Name?: string; Destination?: string }>;
  HostConfig?: { Mounts?: Array<{ Target?: string; VolumeOptions?: { Subpath?: string } | null }> | null; Tmpfs?: Record<string, string> | null };
}

/**
 * The path at which a container shows exactly the volume's contents: the whole volume (no
 * subpath) mounted there, and nothing else mounted inside it, which the archive would carry along.
 */
export function wholeVolumeAt(inspected: Inspected, volume: string): string | undefined {
  const mounts = inspected.Mounts ?? [];
  const dest = mounts.find((m) => m.Type === 'volume' && m.Name === volume && m.Destination)?.Destination;
  if (!dest || path.posix.normalize(dest) === '/' ) return undefined;
  const inside = (p: string | undefined) => p !== undefined && path.posix.normalize(p).startsWith(`${path.posix.normalize(dest).replace(/\/$/, '')}/`);
  if (mounts.some((m) => inside(m.Destination))) return undefined;
  if (Object.keys(inspected.HostConfig?.Tmpfs ?? {}).some((p) => inside(p) || p === dest)) return undefined;
  for (const m of inspected.HostConfig?.Mounts ?? []) {
    if (inside(m.Target)) return undefined;
    if (m.Target === dest && m.VolumeOptions?.Subpath) return undefined;
  }
  return dest;
}

const SERVES = new Set(['running', 'paused', 'exited', 'created']);

export async function volumeSource(engine: StreamEngine, volume: string, users: VolumeUser[], image: () => Promise<string>): Promise<VolumeSource> {
  for (const user of users.filter((u) => SERVES.has(u.state))) {
    const inspected = await engine.json<Inspected>('GET', `/containers/${user.id}/json`).catch(() => undefined);
    const at = inspected && wholeVolumeAt(inspected, volume);
    if (at) return { container: user.id, path: at, root: path.posix.basename(at), via: user.name, release: async () => undefined };
  }
  const helper = await createHelper(engine, volume, true, await image());
  return { container: helper.id, path: MOUNT, root: path.posix.basename(MOUNT), via: 'helper', release: helper.remove };
}

/** Where restore mounts a volume so that an archive whose top folder is `root` lands in it. */
export function restoreTarget(root: string | undefined): { mount: string; put: string } {
  if (root === undefined || root === path.posix.basename(MOUNT)) return { mount: MOUNT, put: '/' };
  return { mount: `${MOUNT}/${root}`, put: MOUNT };
}
