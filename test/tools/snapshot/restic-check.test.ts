// restic check --read-data in one line, from restic's real output (restic 0.14, Debian 12); a
// check past its deadline is ended. The real check on a damaged repository: test/e2e/restic.test.ts.
import { describe, expect, it } from 'vitest';
import { runCheck, summariseCheck } from '../../../src/tools/snapshot/restic-check.js';

const STEPS = 'create exclusive lock for repository\nload indexes\ncheck all packs\ncheck snapshots, trees and blobs\n[0:00] 100.00%  1 / 1 snapshots\n\nread all data\n[0:00] 100.00%  2 / 2 packs\n\n';

describe('summariseCheck', () => {
  it.each([
    [`${STEPS}no errors were found\n`, 0, { ok: true, summary: 'restic check --read-data: no errors were found (2 packs read)' }],
    [`${STEPS}Pack ID does not match, want e05b98, got 636578\nFatal: repository contains errors\n`, 1,
      { ok: false, summary: 'restic check --read-data failed (status 1): Pack ID does not match, want e05b98, got 636578; Fatal: repository contains errors' }],
    ['Fatal: unable to open config file: stat /x/config: no such file or directory\nIs there a repository at the following location?\n/x\n', 1,
      { ok: false, summary: 'restic check --read-data failed (status 1): Fatal: unable to open config file: stat /x/config: no such file or directory; Is there a repository at the following location?; /x' }],
    ['a\nb\nc\nd\ne\n', 1, { ok: false, summary: 'restic check --read-data failed (status 1): a; b; c; and 2 more lines' }],
    [`${STEPS}no errors were found\n`, null, { ok: false, summary: 'restic check --read-data failed (status killed): no explanation' }],
  ])('%#', (output, status, expected) => {
    expect(summariseCheck(output, status)).toEqual(expected);
  });
});

describe('runCheck', () => {
  it('ends a check that outlives its deadline, which is then no verification', async () => {
    expect(await runCheck(['sh', ['-c', 'sleep 5']], {}, 200)).toEqual({ ok: false, summary: 'restic check --read-data did not finish within 0 s; the repository is not verified' });
  });

  it('a program that cannot run is a failed check', async () => {
    expect(await runCheck(['/nonexistent/restic', []], {}, 5000)).toEqual({ ok: false, summary: expect.stringMatching(/^restic could not run: .*ENOENT/) });
  });
});
