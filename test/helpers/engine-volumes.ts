// Volumes and containers made directly through the Engine API of the suite's own engine, for the
// tests of the units that read and write volumes: files put in through the archive endpoint (no
// container is started for that), a running container that uses a volume, and the clean-up.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { IMAGE } from '../e2e/engine.js';
import type { StreamEngine } from '../../src/tools/engine-stream.js';
import { createHelper, MOUNT } from '../../src/tools/snapshot/helper.js';

/** A tar of `files` (path: content), as `tar` makes it. */
export function tarOf(files: Record<string, string>): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), 'cg-tar-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return execFileSync('tar', ['-c', '-C', dir, '.']);
}

export async function makeVolume(engine: StreamEngine, name: string, files: Record<string, string> = {}, labels: Record<string, string> = {}): Promise<void> {
  await engine.json('POST', '/volumes/create', { Name: name, Labels: labels });
  if (Object.keys(files).length === 0) return;
  const helper = await createHelper(engine, name, false, IMAGE);
  try {
    await engine.upload(`/containers/${helper.id}/archive?path=${encodeURIComponent(MOUNT)}`, Readable.from([tarOf(files)]));
  } finally {
    await helper.remove();
  }
}

/** A container that mounts `volume` at /data; started unless told otherwise. Returns its id. */
export async function volumeUser(engine: StreamEngine, name: string, volume: string, start = true, labels: Record<string, string> = {}): Promise<string> {
  const { Id } = await engine.json<{ Id: string }>('POST', `/containers/create?name=${name}`, {
    Image: IMAGE, Cmd: ['sleep', '300'], Labels: labels, StopSignal: 'SIGKILL',
    HostConfig: { NetworkMode: 'none', Mounts: [{ Type: 'volume', Source: volume, Target: '/data' }] },
  });
  if (start) await engine.json('POST', `/containers/${Id}/start`);
  return Id;
}

export async function containerState(engine: StreamEngine, id: string): Promise<string> {
  return (await engine.json<{ State: { Status: string } }>('GET', `/containers/${id}/json`)).State.Status;
}

/** Removes the containers whose names start with `prefix`, then the volumes. */
export async function cleanUp(engine: StreamEngine, prefix: string, volumes: string[]): Promise<void> {
  const filters = encodeURIComponent(JSON.stringify({ name: [prefix] }));
  for (const c of await engine.json<Array<{ Id: string }>>('GET', `/containers/json?all=1&filters=${filters}`)) {
    await engine.json('POST', `/containers/${c.Id}/unpause`).catch(() => undefined);
    await engine.json('DELETE', `/containers/${c.Id}?force=1`).catch(() => undefined);
  }
  for (const v of volumes) await engine.json('DELETE', `/volumes/${v}?force=1`).catch(() => undefined);
}
