// Reaching a volume's files through the engine: a helper container created (never started) from
// an image already on the host, with the volume mounted at one fixed path. The archive endpoint
// reads and writes through it; no registry, no access to the engine's data-root, and it works
// the same for a remote daemon.
import type { StreamEngine } from '../engine-stream.js';

/** Where the helper mounts the volume; the archive's entries start with this folder's name. */
export const MOUNT = '/.compose-guard-volume';
export const HELPER_LABEL = 'io.compose-guard.helper';

export interface EngineVolumeInfo {
  Name: string;
  Driver: string;
  Labels: Record<string, string> | null;
  Options: Record<string, string> | null;
  Mountpoint?: string;
}

export interface Helper {
  id: string;
  remove(): Promise<void>;
}

/**
 * An image the engine already has, so nothing is ever pulled: the smallest one that declares no
 * VOLUME (whose anonymous volumes the helper would otherwise create).
 */
export async function helperImage(engine: StreamEngine): Promise<string> {
  const images = (await engine.json<Array<{ Id: string; Size: number }>>('GET', '/images/json')).sort((a, b) => a.Size - b.Size);
  if (images.length === 0) throw new Error('the engine has no image to create a helper container from (compose-guard never pulls one)');
  for (const image of images.slice(0, 5)) {
    const config = await engine.json<{ Config?: { Volumes?: Record<string, unknown> | null } }>('GET', `/images/${image.Id}/json`);
    if (Object.keys(config.Config?.Volumes ?? {}).length === 0) return image.Id;
  }
  return images[0]!.Id;
}

export async function createHelper(engine: StreamEngine, volume: string, readOnly: boolean, image?: string, target = MOUNT): Promise<Helper> {
  const created = await engine.json<{ Id: string }>('POST', '/containers/create', {
    Image: image ?? (await helperImage(engine)),
    Entrypoint: ['/compose-guard-helper-is-never-started'],
    Cmd: [],
    Labels: { [HELPER_LABEL]: volume },
    NetworkDisabled: true,
    HostConfig: { Mounts: [{ Type: 'volume', Source: volume, Target: target, ReadOnly: readOnly, VolumeOptions: { NoCopy: true } }] },
  });
  return {
    id: created.Id,
    // v=1 removes only anonymous volumes the image may have declared, never the named one.
    remove: () => engine.json('DELETE', `/containers/${created.Id}?force=1&v=1`).then(() => undefined),
  };
}

export async function inspectVolume(engine: StreamEngine, name: string): Promise<EngineVolumeInfo | undefined> {
  try {
    return await engine.json<EngineVolumeInfo>('GET', `/volumes/${encodeURIComponent(name)}`);
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}

export interface VolumeUser {
  id: string;
  name: string;
  state: string;
  service?: string;
}

/** The containers (any state) that mount a volume, helpers excluded. */
export async function volumeUsers(engine: StreamEngine, volume: string): Promise<VolumeUser[]> {
  const filters = encodeURIComponent(JSON.stringify({ volume: [volume] }));
  const list = await engine.json<Array<{ Id: string; Names: string[]; State: string; Labels: Record<string, string> }>>('GET', `/containers/json?all=1&filters=${filters}`);
  return list.filter((c) => !c.Labels?.[HELPER_LABEL]).map((c) => ({
    id: c.Id, name: (c.Names[0] ?? c.Id).replace(/^\//, ''), state: c.State, service: c.Labels?.['com.docker.compose.service'],
  }));
}
