// `compose-guard snapshot -- docker volume rm V` on the real engine: the volume that command
// would destroy is copied into the policy's store, its id printed, and nothing is destroyed.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { streamEngine } from '../../src/tools/engine-stream.js';
import { dirStore } from '../../src/tools/snapshot/dir-store.js';
import { inspectVolume } from '../../src/tools/snapshot/helper.js';
import { snapshotCommand } from '../../src/tools/snapshot-command.js';
import { testIo } from '../helpers/cli-io.js';
import { cleanUp, makeVolume } from '../helpers/engine-volumes.js';
import { snapshotPolicy } from '../helpers/snapshot-store.js';

const ctx = inject('e2e');
const engine = streamEngine(ctx.dockerHost);
const VOLUME = 'cgt-snapcmd-data';

describe.skipIf(!ctx.available)('snapshotCommand on the real engine', () => {
  beforeAll(async () => {
    await cleanUp(engine, 'cgt-snapcmd-', [VOLUME]);
    await makeVolume(engine, VOLUME, { 'a.txt': 'hello', 'b.txt': 'world!' });
  });
  afterAll(() => cleanUp(engine, 'cgt-snapcmd-', [VOLUME]));

  it('copies the volumes the command names, prints the id, and destroys nothing', async () => {
    const { io, captured } = testIo({ argv: [], cwd: '/', env: { ...process.env, DOCKER_HOST: ctx.dockerHost } });
    const dir = snapshotPolicy(io.env);
    const command = ['docker', 'volume', 'rm', VOLUME];
    expect(await snapshotCommand(io, { values: {}, operands: [], raw: ['--', ...command], command }), captured.stderr).toBe(0);
    const [m] = await dirStore(dir, {}).list();
    expect(captured.stdout).toBe(`${m!.id}\n`);
    expect(m).toMatchObject({ project: null, reason: 'on demand', command: ['compose-guard', 'snapshot', '--', ...command], verified: true });
    expect(m!.volumes).toEqual([expect.objectContaining({ name: VOLUME, files: 2, bytes: 11 })]);
    expect(captured.stderr).toContain(`compose-guard: snapshot ${m!.id} taken and verified in ${dir}\n  ${VOLUME}: 2 files, 11 B -> `);
    expect(await inspectVolume(engine, VOLUME)).toBeDefined();
  });
});
