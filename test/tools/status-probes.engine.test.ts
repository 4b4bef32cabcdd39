// A project's data checks run in its service's running container on the real engine: a command
// that must succeed, one whose printed number must be above a floor, and failures that say why.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { streamEngine } from '../../src/tools/engine-stream.js';
import { runChecks } from '../../src/tools/status-probes.js';
import { cleanUp, makeVolume, volumeUser } from '../helpers/engine-volumes.js';

const ctx = inject('e2e');
const engine = streamEngine(ctx.dockerHost);
const VOLUME = 'cgt-probes-data';

describe.skipIf(!ctx.available)('runChecks on the real engine', () => {
  beforeAll(async () => {
    await cleanUp(engine, 'cgt-probes-', [VOLUME]);
    await makeVolume(engine, VOLUME, { 'rows': '42\n' });
    await volumeUser(engine, 'cgt-probes-db-1', VOLUME, true, { 'com.docker.compose.project': 'cgtprobes', 'com.docker.compose.service': 'db' });
  });
  afterAll(() => cleanUp(engine, 'cgt-probes-', [VOLUME]));

  it('runs each check in the service and judges its status and what it printed', async () => {
    const outcomes = await runChecks(engine, 'cgtprobes', [
      { service: 'db', command: 'test -s /data/rows' },
      { service: 'db', command: ['cat', '/data/rows'], above: 40 },
      { service: 'db', command: 'cat /data/rows', above: 42 },
      { service: 'db', command: 'echo "relation missing" >&2; exit 3' },
      { service: 'db', command: 'echo none', above: 0 },
    ]);
    expect(outcomes).toEqual([
      { service: 'db', command: 'test -s /data/rows', ok: true, detail: 'status 0' },
      { service: 'db', command: 'cat /data/rows', ok: true, detail: 'printed "42", must be a number above 40' },
      { service: 'db', command: 'cat /data/rows', ok: false, detail: 'printed "42", must be a number above 42' },
      { service: 'db', command: 'echo "relation missing" >&2; exit 3', ok: false, detail: 'status 3: relation missing' },
      { service: 'db', command: 'echo none', ok: false, detail: 'printed "none", must be a number above 0' },
    ]);
  });
});
