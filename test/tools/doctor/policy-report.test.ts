// doctor's policy part, from real policy files: the files in effect, the daemon addressed now,
// the tags and what `down -v` would get; a broken file is a problem with the command that shows
// where; no file at all is a note saying how to tag the host.
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../src/tools/doctor.js';
import { policyReport } from '../../../src/tools/doctor/policy-report.js';
import type { Fixer } from '../../../src/tools/doctor/reach.js';
import { testIo } from '../../helpers/cli-io.js';

const fixer: Fixer = { asRoot: (c) => `sudo ${c}`, installSystem: 'install', owner: async () => undefined };

function report(policy: string | undefined, env: Record<string, string> = {}) {
  const { io } = testIo({ argv: [], cwd: '/' });
  if (policy !== undefined) writeFileSync(io.env.COMPOSE_GUARD_POLICY as string, policy);
  Object.assign(io.env, env);
  const problems: Problem[] = [];
  return { report: policyReport(io, 'cg', fixer, problems), problems, file: io.env.COMPOSE_GUARD_POLICY as string };
}

describe('policyReport', () => {
  it.each([
    ['environment: production\n', 'stopped (77)'],
    ['environment: staging\n', 'asks at a terminal, else goes ahead with a note'],
    ['environment: ci\n', 'goes ahead'],
  ])('%j: down -v here is %s', (policy, downV) => {
    const { report: r, problems } = report(policy);
    expect(r.downV).toBe(downV);
    expect(problems).toEqual([]);
    expect(r.notes).toEqual([]);
  });

  it('lists the files in effect, the daemon addressed now and the tags with their source', () => {
    const { report: r, file } = report('environment: production\n', { DOCKER_HOST: 'unix:///run/other.sock' });
    expect(r.policyFiles).toEqual([{ path: file, source: 'env', environment: 'production' }]);
    expect(r.daemon).toEqual({ context: 'default', endpoint: 'unix:///run/other.sock', source: 'DOCKER_HOST' });
    expect(r.tags).toEqual([expect.objectContaining({ tag: 'production' })]);
  });

  it('a broken file is a problem, and down -v is stopped', () => {
    const { report: r, problems, file } = report('environment: production\nfoo: [\n');
    expect(r.policyErrors).toEqual([expect.stringContaining(file)]);
    expect(r.downV).toBe('stopped (77): the policy is broken');
    expect(problems).toEqual([{ problem: expect.stringMatching(/^policy: .+ \(every volume-destroying command stops until it is fixed\)$/), fix: 'cg policy validate', why: 'shows the file:line:col to correct' }]);
  });

  it('no policy file: an untagged host, with how to tag it', () => {
    const { report: r, problems } = report(undefined);
    expect(r.policyFiles).toEqual([]);
    expect(r.tags).toEqual([]);
    expect(r.downV).toBe('asks at a terminal, else goes ahead with a note');
    expect(problems).toEqual([]);
    expect(r.notes).toEqual([`no policy file: this host is untagged; tag it with sudo sh -c "echo 'environment: production' > /etc/compose-guard/policy.yaml" (or staging, ci, …)`]);
  });
});
