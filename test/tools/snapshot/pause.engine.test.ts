// Pausing a volume's writers on the real engine: the running ones are paused, and every one of
// them is unpaused afterwards, whatever happened; a container someone else paused stays paused;
// a pause that fails part-way unpauses those already paused before it fails.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { streamEngine } from '../../../src/tools/engine-stream.js';
import { volumeUsers } from '../../../src/tools/snapshot/helper.js';
import { pauseWriters } from '../../../src/tools/snapshot/pause.js';
import { cleanUp, containerState, makeVolume, volumeUser } from '../../helpers/engine-volumes.js';

const ctx = inject('e2e');
const engine = streamEngine(ctx.dockerHost);
const VOLUME = 'cgt-pause-data';
const ids: Record<string, string> = {};

describe.skipIf(!ctx.available)('pauseWriters on the real engine', () => {
  beforeAll(async () => {
    await cleanUp(engine, 'cgt-pause-', [VOLUME]);
    await makeVolume(engine, VOLUME);
    ids.a = await volumeUser(engine, 'cgt-pause-a', VOLUME);
    ids.b = await volumeUser(engine, 'cgt-pause-b', VOLUME);
    ids.idle = await volumeUser(engine, 'cgt-pause-idle', VOLUME, false);
  });
  afterAll(() => cleanUp(engine, 'cgt-pause-', [VOLUME]));

  const states = async () => Object.fromEntries(await Promise.all(Object.entries(ids).map(async ([k, id]) => [k, await containerState(engine, id)])));

  it('pauses the running users and unpauses them all', async () => {
    const paused = await pauseWriters(engine, await volumeUsers(engine, VOLUME));
    expect(paused.names.sort()).toEqual(['cgt-pause-a', 'cgt-pause-b']);
    expect(await states()).toEqual({ a: 'paused', b: 'paused', idle: 'created' });
    expect(await paused.resume()).toBeGreaterThanOrEqual(0);
    expect(await states()).toEqual({ a: 'running', b: 'running', idle: 'created' });
    // A second resume has nothing left to do.
    await paused.resume();
  });

  it('leaves alone a container someone else paused', async () => {
    await engine.json('POST', `/containers/${ids.b}/pause`);
    try {
      const paused = await pauseWriters(engine, await volumeUsers(engine, VOLUME));
      expect(paused.names).toEqual(['cgt-pause-a']);
      await paused.resume();
      expect(await states()).toEqual({ a: 'running', b: 'paused', idle: 'created' });
    } finally {
      await engine.json('POST', `/containers/${ids.b}/unpause`);
    }
  });

  it('unpauses what it paused when a later pause fails, then fails', async () => {
    const users = await volumeUsers(engine, VOLUME);
    const gone = { id: 'cgt-pause-no-such-container', name: 'gone', state: 'running' };
    await expect(pauseWriters(engine, [...users, gone])).rejects.toMatchObject({ status: 404 });
    expect(await states()).toEqual({ a: 'running', b: 'running', idle: 'created' });
  });

  it('a paused container removed meanwhile is no failure of the resume', async () => {
    const extra = await volumeUser(engine, 'cgt-pause-extra', VOLUME);
    const paused = await pauseWriters(engine, (await volumeUsers(engine, VOLUME)).filter((u) => u.id === extra));
    expect(paused.names).toEqual(['cgt-pause-extra']);
    await engine.json('DELETE', `/containers/${extra}?force=1`);
    await expect(paused.resume()).resolves.toBeGreaterThanOrEqual(0);
  });
});
