// Taking a snapshot on the real engine into the real folder store: the volume's writers are
// paused for the copy and running again after it; files and bytes are counted, the tar's sha256
// is what the store gives back; a volume that is not there is skipped; no helper is left behind;
// an interrupted copy commits nothing and unpauses everything.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { streamEngine } from '../../../src/tools/engine-stream.js';
import { dirStore } from '../../../src/tools/snapshot/dir-store.js';
import { sha256Of } from '../../../src/tools/snapshot/hash-tap.js';
import { HELPER_LABEL } from '../../../src/tools/snapshot/helper.js';
import { takeSnapshot, type TakeInputs } from '../../../src/tools/snapshot/take.js';
import { cleanUp, containerState, makeVolume, volumeUser } from '../../helpers/engine-volumes.js';

const ctx = inject('e2e');
const engine = streamEngine(ctx.dockerHost);
const [DB, FILES] = ['cgt-take-db', 'cgt-take-files'];
let writer = '';

describe.skipIf(!ctx.available)('takeSnapshot on the real engine', () => {
  beforeAll(async () => {
    await cleanUp(engine, 'cgt-take-', [DB, FILES]);
    await makeVolume(engine, DB, { 'base/1': 'x'.repeat(100_000), 'base/2': 'y'.repeat(5) });
    await makeVolume(engine, FILES, { 'upload.png': 'png' });
    writer = await volumeUser(engine, 'cgt-take-db-1', DB, true, { 'com.docker.compose.service': 'db' });
  });
  afterAll(() => cleanUp(engine, 'cgt-take-', [DB, FILES]));

  const inputs = (dir: string, over: Partial<TakeInputs> = {}): TakeInputs => ({
    engine, store: dirStore(dir, { PATH: process.env.PATH }), project: 'cgt', command: ['docker', 'compose', 'down', '-v'], reason: 'test',
    host: 'h', now: new Date('2026-11-24T12:00:00Z'), keep: 5,
    volumes: [{ name: DB, services: ['db'] }, { name: 'cgt-take-missing', services: [] }, { name: FILES, services: ['web'] }], ...over,
  });

  it('copies each volume with its writers paused, counts it, verifies it and commits it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cg-take-'));
    const taken = await takeSnapshot(inputs(dir));
    expect(taken.skipped).toEqual(['cgt-take-missing']);
    const m = taken.manifest;
    expect(m).toMatchObject({ project: 'cgt', verified: true, store: `dir:${dir}`, engine: { endpoint: ctx.dockerHost, version: expect.stringMatching(/^\d+\./) } });
    const [db, files] = m.volumes;
    expect(db).toMatchObject({ name: DB, driver: 'local', files: 2, bytes: 100_005, services: ['db'], containers: ['cgt-take-db-1'] });
    expect(db!.consistency).toMatch(/^paused cgt-take-db-1 for \d+ ms$/);
    expect(files).toMatchObject({ name: FILES, files: 1, bytes: 3, consistency: 'no running container used it', pausedMs: 0, containers: [] });
    const store = dirStore(dir, { PATH: process.env.PATH });
    expect((await store.list()).map((s) => s.id)).toEqual([m.id]);
    for (const v of m.volumes) expect(await sha256Of(await store.read(m, v.name))).toBe(v.sha256);
    expect(await containerState(engine, writer)).toBe('running');
    const filters = encodeURIComponent(JSON.stringify({ label: [HELPER_LABEL] }));
    expect(await engine.json('GET', `/containers/json?all=1&filters=${filters}`)).toEqual([]);
  });

  it('an interrupted copy commits nothing, keeps nothing, and leaves the writers running', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cg-take-'));
    const controller = new AbortController();
    const progress = () => controller.abort(new Error('interrupted (SIGINT)'));
    await expect(takeSnapshot(inputs(dir, { signal: controller.signal, progress }))).rejects.toThrow('interrupted');
    expect(readdirSync(dir)).toEqual([]);
    expect(await containerState(engine, writer)).toBe('running');
  });
});
