// The shim's sh pre-filter is generated from the operation table; this ties it to the grammar:
// every row of every grammar table that compose-guard judges, typed through the installed shims
// with a judge that cannot start (COMPOSE_GUARD_NODE=/nonexistent), must stop with 77, never run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeFakeBinaries, type FakeBinaries } from '../helpers/fake-binaries.js';
import { installShims, type Installed } from '../helpers/install.js';
import { SPELLINGS } from '../grammar/spellings.table.js';
import { DOCKER_ROWS } from '../grammar/docker.table.js';
import { V1_ROWS } from '../grammar/compose-v1.table.js';
import { shimCaseArms } from '../../src/grammar/triggers.js';

let installed: Installed;
let fake: FakeBinaries;

beforeAll(() => {
  installed = installShims();
  fake = makeFakeBinaries();
});

interface Case {
  tool: 'docker' | 'docker-compose';
  argv: string;
  config?: string;
}

const judgedRows: Case[] = [
  ...SPELLINGS.filter((r) => r.label === 'destroys' || r.judged).map((r) => ({ tool: r.reader === 'docker' ? 'docker' as const : 'docker-compose' as const, argv: r.argv, config: r.config })),
  ...DOCKER_ROWS.filter((r) => (r.kinds ?? []).length > 0 || r.uncertain).map((r) => ({ tool: 'docker' as const, argv: r.argv })),
  ...V1_ROWS.filter((r) => (r.kinds ?? []).length > 0 || r.uncertain).map((r) => ({ tool: 'docker-compose' as const, argv: r.argv })),
];

function throughShim(c: Case, extra: Record<string, string> = {}) {
  const records = mkdtempSync(path.join(tmpdir(), 'cg-trig-'));
  const env: Record<string, string> = { PATH: `${installed.bin}:${fake.dir}:/usr/bin:/bin`, FAKE_DIR: records, HOME: records, COMPOSE_GUARD_NODE: '/nonexistent', ...extra };
  let argv = c.argv.split(' ');
  if (c.config) {
    const dir = mkdtempSync(path.join(tmpdir(), 'cg-cfg-'));
    writeFileSync(path.join(dir, 'config.json'), c.config);
    if (argv.includes('{CFG}')) argv = argv.map((a) => (a === '{CFG}' ? dir : a));
    else env.DOCKER_CONFIG = dir;
  }
  const result = spawnSync(path.join(installed.bin, c.tool), argv, { env, encoding: 'utf8' });
  const ran = existsSync(path.join(records, 'ran'));
  rmSync(records, { recursive: true, force: true });
  return { status: result.status, ran };
}

describe('the shim wakes the judge for every judged row', () => {
  it('has rows from every table', () => {
    expect(judgedRows.length).toBeGreaterThan(150);
  });

  it.each(judgedRows.map((c) => [`${c.tool} ${c.argv}`, c] as const))('%s exits 77 when the judge cannot start', (_, c) => {
    expect(throughShim(c)).toEqual({ status: 77, ran: false });
  });

  it.each([
    ['docker', 'compose ps'], ['docker', 'build .'], ['docker', 'compose up -d'], ['docker', 'volume ls'], ['docker-compose', 'up -d --remove-orphans'],
    ['docker', 'run --rm -v data:/d busybox true'], ['docker-compose', 'logs -f'],
  ] as const)('%s %s goes straight to the real program', (tool, argv) => {
    expect(throughShim({ tool, argv })).toEqual({ status: 0, ran: true });
  });

  it('wakes the judge for build/builder only when config.json has aliases', () => {
    expect(throughShim({ tool: 'docker', argv: 'build .', config: '{"auths":{}}' })).toEqual({ status: 0, ran: true });
    expect(throughShim({ tool: 'docker', argv: 'build .', config: '{\n\t"aliases": {\n\t\t"builder": "compose down -v"\n\t}\n}' })).toEqual({ status: 77, ran: false });
  });

  it('carries the arms generated from the operation table', () => {
    for (const tool of ['docker', 'docker-compose'] as const) {
      const shim = spawnSync('cat', [path.join(installed.bin, tool)], { encoding: 'utf8' }).stdout;
      expect(shim).toContain(shimCaseArms(tool));
    }
  });
});
