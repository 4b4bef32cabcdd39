// The probe reads only its own markers: whatever a login shell's profile prints around them
// cannot be taken for an answer, and a route that does not run says why.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { probe, PROBE_SCRIPT } from '../../../src/tools/doctor/probe.js';

describe('probe', () => {
  it('finds what the route finds, through the noise of a chatty profile', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cg-probe-'));
    writeFileSync(path.join(dir, 'docker'), '#!/bin/sh\n');
    chmodSync(path.join(dir, 'docker'), 0o755);
    const result = await probe(['/bin/sh', '-c', `echo 'docker=/fake @compose-guard-doctor'; printf 'no newline'; ${PROBE_SCRIPT}`], { PATH: `${dir}:/nonexistent` });
    expect(result).toEqual({ path: `${dir}:/nonexistent`, reached: { docker: path.join(dir, 'docker'), 'docker-compose': null } });
  });

  it('says why when the route does not run', async () => {
    const result = await probe(['/bin/sh', '-c', 'echo broken >&2; exit 3']);
    expect(result).toEqual({ error: '/bin/sh -c echo broken >&2; exit 3 … did not run (broken)' });
    expect(await probe(['/nonexistent/program'])).toHaveProperty('error');
  });
});
