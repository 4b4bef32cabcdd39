// Reaching a volume through a helper container on the real engine: an image already there with
// no VOLUME of its own, a helper that is created but never started, mounts the volume read-only
// when asked and goes without taking the volume along; the volume's facts and its users.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { streamEngine } from '../../../src/tools/engine-stream.js';
import { createHelper, HELPER_LABEL, helperImage, inspectVolume, MOUNT, volumeUsers } from '../../../src/tools/snapshot/helper.js';
import { cleanUp, makeVolume, volumeUser } from '../../helpers/engine-volumes.js';

const ctx = inject('e2e');
const engine = streamEngine(ctx.dockerHost);
const VOLUME = 'cgt-helper-data';

describe.skipIf(!ctx.available)('helper containers on the real engine', () => {
  beforeAll(async () => {
    await cleanUp(engine, 'cgt-helper-', [VOLUME]);
    await makeVolume(engine, VOLUME, { 'a.txt': 'abc' }, { owner: 'test' });
  });
  afterAll(() => cleanUp(engine, 'cgt-helper-', [VOLUME]));

  it('picks an image the engine has that declares no VOLUME', async () => {
    const image = await helperImage(engine);
    const info = await engine.json<{ Config?: { Volumes?: Record<string, unknown> | null } }>('GET', `/images/${image}/json`);
    expect(Object.keys(info.Config?.Volumes ?? {})).toEqual([]);
  });

  it('creates a helper that never starts, mounts the volume as asked, and goes without it', async () => {
    const helper = await createHelper(engine, VOLUME, true);
    const info = await engine.json<{ State: { Status: string }; Config: { Labels: Record<string, string> }; Mounts: Array<{ Name: string; Destination: string; RW: boolean }> }>('GET', `/containers/${helper.id}/json`);
    expect(info.State.Status).toBe('created');
    expect(info.Config.Labels[HELPER_LABEL]).toBe(VOLUME);
    expect(info.Mounts).toEqual([expect.objectContaining({ Name: VOLUME, Destination: MOUNT, RW: false })]);
    await helper.remove();
    await expect(engine.json('GET', `/containers/${helper.id}/json`)).rejects.toMatchObject({ status: 404 });
    expect(await inspectVolume(engine, VOLUME)).toBeDefined();
    const writable = await createHelper(engine, VOLUME, false);
    expect((await engine.json<{ Mounts: Array<{ RW: boolean }> }>('GET', `/containers/${writable.id}/json`)).Mounts[0]!.RW).toBe(true);
    await writable.remove();
  });

  it("reads a volume's facts, and undefined for one that does not exist", async () => {
    expect(await inspectVolume(engine, VOLUME)).toMatchObject({ Name: VOLUME, Driver: 'local', Labels: { owner: 'test' } });
    expect(await inspectVolume(engine, 'cgt-helper-none')).toBeUndefined();
  });

  it('lists the containers that use a volume, in any state, helpers left out', async () => {
    const running = await volumeUser(engine, 'cgt-helper-web', VOLUME, true, { 'com.docker.compose.service': 'web' });
    await volumeUser(engine, 'cgt-helper-idle', VOLUME, false);
    const helper = await createHelper(engine, VOLUME, true);
    try {
      const users = await volumeUsers(engine, VOLUME);
      expect(users.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
        { id: expect.any(String), name: 'cgt-helper-idle', state: 'created', service: undefined },
        { id: running, name: 'cgt-helper-web', state: 'running', service: 'web' },
      ]);
    } finally {
      await helper.remove();
    }
  });
});
