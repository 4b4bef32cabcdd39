// doctor's text: a block per route with what each tool reaches, the backstop, the policy, and
// the problems, those that one fix mends shown together above it, each reason once.
import { describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../../src/tools/doctor.js';
import { renderDoctor } from '../../../src/tools/doctor/render.js';

const base: DoctorReport = {
  routes: [],
  backstop: { state: 'absent', detail: 'not installed' },
  policyFiles: [],
  policyErrors: [],
  daemon: { context: 'default', source: 'default' },
  tags: [],
  downV: 'goes ahead',
  notes: [],
  problems: [],
};

describe('renderDoctor', () => {
  it('shows each route and what its tools reach: guarded, unguarded, nothing', () => {
    const text = renderDoctor({
      ...base,
      routes: [
        { route: 'cron', how: 'PATH=/usr/bin:/bin (crontab(5))', status: 'uncovered', path: '/usr/bin:/bin', tools: [
          { tool: 'docker', first: '/usr/bin/docker', shim: false, real: '/usr/bin/docker' },
          { tool: 'docker-compose', first: null, shim: false, real: null },
        ] },
        { route: 'sudo', how: 'sudo -n (its secure_path)', status: 'covered', note: 'as root', tools: [
          { tool: 'docker', first: '/usr/local/bin/docker', shim: true, real: '/usr/bin/docker' },
          { tool: 'docker-compose', first: '/usr/local/bin/docker-compose', shim: true, real: null },
        ] },
      ],
    });
    expect(text).toContain([
      'routes (each asked in its own environment):',
      '  cron: uncovered',
      '      via PATH=/usr/bin:/bin (crontab(5)); PATH=/usr/bin:/bin',
      '      docker: /usr/bin/docker  NOT GUARDED',
      '      docker-compose: not found',
      '  sudo: covered (as root)',
      '      via sudo -n (its secure_path)',
      '      docker: /usr/local/bin/docker (compose-guard shim) -> /usr/bin/docker',
      '      docker-compose: /usr/local/bin/docker-compose (compose-guard shim) -> no real program (127)',
      '',
    ].join('\n').trimEnd());
  });

  it('shows the backstop, node, policy files and errors, daemon, tags, down -v and notes', () => {
    const text = renderDoctor({
      ...base,
      backstop: { state: 'broken', detail: 'named, not listening' },
      node: '/usr/bin/node v20.19.0',
      policyFiles: [{ path: '/etc/compose-guard/policy.yaml', source: 'host', environment: 'production' }, { path: '/p/.compose-guard.yaml', source: 'project' }],
      policyErrors: ['/x.yaml:3:1: unknown key'],
      daemon: { context: 'prod', endpoint: 'unix:///run/d.sock', source: 'DOCKER_CONTEXT' },
      tags: [{ tag: 'production', from: 'host policy' }, { tag: 'eu', from: 'hostname' }],
      downV: 'stopped (77)',
      notes: ['look here'],
    });
    expect(text).toContain('daemon backstop: broken (named, not listening)\nnode for the judge: /usr/bin/node v20.19.0\n'
      + 'policy file: /etc/compose-guard/policy.yaml (host) environment production\npolicy file: /p/.compose-guard.yaml (project)\n'
      + 'policy error: /x.yaml:3:1: unknown key\ndaemon addressed now: prod (unix:///run/d.sock), from DOCKER_CONTEXT\n'
      + 'tags: production [host policy], eu [hostname]\ndocker compose down -v here now: stopped (77)\nnote: look here\nno problems found\n');
    expect(renderDoctor(base)).toContain('policy files: none\n');
    expect(renderDoctor(base)).toContain('tags: none (untagged)\n');
    expect(renderDoctor(base)).not.toContain('node for the judge');
  });

  it('groups the problems one fix mends above it, each reason once, in the order first seen', () => {
    const text = renderDoctor({
      ...base,
      problems: [
        { problem: 'cron: docker is /usr/bin/docker, not guarded', fix: 'sudo install --system', why: 'diverts it' },
        { problem: 'policy: broken', fix: 'compose-guard policy validate' },
        { problem: 'sudo: docker is /usr/bin/docker, not guarded', fix: 'sudo install --system', why: 'diverts it' },
        { problem: 'systemd units: docker is /usr/bin/docker, not guarded', fix: 'sudo install --system', why: 'puts the shim first' },
      ],
    });
    expect(text.slice(text.indexOf('problems ('))).toBe([
      'problems (4):',
      '  - cron: docker is /usr/bin/docker, not guarded',
      '  - sudo: docker is /usr/bin/docker, not guarded',
      '  - systemd units: docker is /usr/bin/docker, not guarded',
      '    fix: sudo install --system',
      '         (diverts it)',
      '         (puts the shim first)',
      '  - policy: broken',
      '    fix: compose-guard policy validate',
      '',
    ].join('\n'));
    expect(text).not.toContain('no problems found');
  });
});
