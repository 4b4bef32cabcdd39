// The judge over the readings the grammar gives it: the engine decides whether `rm -v` destroys
// anything, Compose v1 addresses the daemon its .env names, Compose v2 names the project from the
// logical $PWD, and a compose file on the caller's stdin in disguise is never "empty".
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Engine, EngineContainer } from '../src/daemon/engine.js';
import { judge, type Judgement } from '../src/judge.js';
import { realPolicyFs } from '../src/policy/policy.js';
import { memoryFs } from './helpers/memory-fs.js';
import { memoryEngine } from './helpers/memory-engine.js';

const COMPOSE = 'services:\n  db:\n    image: postgres\n    volumes: [data:/var/lib/postgresql/data, /scratch]\nvolumes:\n  data: {}\n';
const ANON = 'b'.repeat(64);
const PRODUCTION = 'environment: production\n';

function container(name: string, anonymous: boolean, project = 'shop'): EngineContainer {
  return {
    Id: `${name}0123456789abcdef`, Names: [`/${name}`],
    Labels: { 'com.docker.compose.project': project, 'com.docker.compose.service': 'db' },
    Mounts: [{ Type: 'volume', Name: 'shop_data', Destination: '/data' }, ...(anonymous ? [{ Type: 'volume', Name: ANON, Destination: '/scratch' }] : [])],
  };
}

function engineWith(containers: EngineContainer[]): Engine {
  return { volumes: memoryEngine([]).volumes, containers: async () => containers };
}

interface Options { tool?: 'docker' | 'docker-compose'; engine?: Engine; files?: Record<string, string>; env?: Record<string, string>; generation?: 'v1' | 'v2' | 'unknown' }

function judged(argv: string, policy: string, o: Options = {}): Promise<Judgement> {
  const fs = memoryFs({ '/srv/shop/compose.yaml': COMPOSE, '/p/policy.yaml': policy, ...o.files });
  return judge({
    tool: o.tool ?? 'docker', argv: argv.split(' '), env: { HOME: '/home/x', COMPOSE_GUARD_POLICY: '/p/policy.yaml', ...o.env },
    cwd: '/srv/shop', hostname: 'db-1', now: new Date('2026-01-01T00:00:00Z'), interactive: false, fs,
    connect: () => o.engine, generation: o.generation ?? 'v2',
  });
}

describe('rm -v stops only when the engine shows anonymous volumes, or cannot be asked', () => {
  it.each([
    ['rm -fv web', [container('web', false)], 'allow'],
    ['rm -fv web', [container('web', true)], 'block'],
    ['rm -v web other', [container('web', false), container('other', true)], 'block'],
    ['rm -fv nosuch', [container('web', true)], 'allow'],
    ['container rm --volumes web0123', [container('web', true)], 'block'],
    ['compose rm -fsv', [container('shop-db-1', false)], 'allow'],
    ['compose rm -fsv', [container('shop-db-1', true)], 'block'],
    ['compose up -d -V', [container('shop-db-1', false)], 'allow'],
  ] as const)('%s on a production host', async (argv, containers, verdict) => {
    const j = await judged(argv, PRODUCTION, { engine: engineWith([...containers]), env: { DOCKER_HOST: 'unix:///run/test.sock' } });
    expect(j.decision.verdict).toBe(verdict);
  });

  it.each(['rm -fv web', 'compose rm -fsv'])('%s stops when the engine cannot be asked (the anonymous volumes count as destroyed)', async (argv) => {
    const j = await judged(argv, PRODUCTION, { env: { DOCKER_HOST: 'ssh://deploy@db' } });
    expect(j.decision.verdict).toBe('block');
    expect(j.decision.destructive).toBe(true);
    expect(j.resolution.notes.join('\n')).toMatch(/could not be asked which anonymous volumes/);
  });
});

describe('Compose v1 takes its daemon from .env', () => {
  const files = { '/srv/shop/.env': 'DOCKER_HOST=ssh://deploy@prod-db-1\n' };
  const policy = 'targets:\n  "ssh://*": production\n';

  it('stops docker-compose down -v aimed at prod by .env', async () => {
    const j = await judged('down -v', policy, { tool: 'docker-compose', generation: 'v1', files });
    expect(j.target).toMatchObject({ endpoint: 'ssh://deploy@prod-db-1', source: 'DOCKER_HOST' });
    expect(j.decision.verdict).toBe('block');
  });

  it('also when the generation is unknown (every reading counts)', async () => {
    const j = await judged('down -v', policy, { tool: 'docker-compose', generation: 'unknown', files });
    expect(j.tags.map((t) => t.tag)).toContain('production');
    expect(j.decision.verdict).toBe('block');
  });

  it('lets the process environment win, as v1 does', async () => {
    const j = await judged('down -v', policy, { tool: 'docker-compose', generation: 'v1', files, env: { DOCKER_HOST: 'unix:///run/local.sock' } });
    expect(j.target.endpoint).toBe('unix:///run/local.sock');
  });

  it('leaves Compose v2 on the process environment (.env only interpolates)', async () => {
    const j = await judged('compose down -v', policy, { files });
    expect(j.target.endpoint).not.toBe('ssh://deploy@prod-db-1');
  });
});

describe('compose files that are the caller\'s stdin in disguise', () => {
  it.each(['-f /dev/stdin', '-f /dev/fd/0', '-f /proc/self/fd/0', '-f /dev/fd/63', '--file=/proc/12345/fd/0', '-f ../../dev/stdin', '-f -'])(
    'compose %s down -v cannot be seen', async (files) => {
      const j = await judged(`compose ${files} down -v`, 'protect: ["shop_*"]\n');
      expect(j.decision.verdict).toBe('block');
      expect(j.resolution.uncertainties.join('\n')).toMatch(/cannot read/);
    },
  );
});

describe('the logical working directory', () => {
  it('names the v2 project after $PWD when it is the same directory (a current -> releases/r1 symlink)', async () => {
    const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'cg-pwd-')));
    mkdirSync(path.join(root, 'releases', 'r1'), { recursive: true });
    writeFileSync(path.join(root, 'releases', 'r1', 'compose.yaml'), COMPOSE);
    symlinkSync(path.join(root, 'releases', 'r1'), path.join(root, 'rtsym'));
    writeFileSync(path.join(root, 'policy.yaml'), 'protect: ["rtsym_*"]\n');
    const run = (env: Record<string, string>, tool: 'docker' | 'docker-compose', argv: string[], generation: 'v1' | 'v2') => judge({
      tool, argv, env: { HOME: root, COMPOSE_GUARD_POLICY: path.join(root, 'policy.yaml'), ...env }, cwd: path.join(root, 'releases', 'r1'),
      hostname: 'h', now: new Date(), interactive: false, fs: realPolicyFs, connect: () => undefined, generation,
    });
    const logical = await run({ PWD: path.join(root, 'rtsym') }, 'docker', ['compose', 'down', '-v'], 'v2');
    expect(logical.resolution.project?.name).toBe('rtsym');
    expect(logical.decision.verdict).toBe('block');
    const elsewhere = await run({ PWD: root }, 'docker', ['compose', 'down', '-v'], 'v2');
    expect(elsewhere.resolution.project?.name).toBe('r1');
    const v1 = await run({ PWD: path.join(root, 'rtsym') }, 'docker-compose', ['down', '-v'], 'v1');
    expect(v1.resolution.project?.name).toBe('r1');
  });
});

describe('a wrapper script installed as docker-compose', () => {
  it('is of unknown generation, so `-v down -v` is read as `docker compose -v down -v` too', async () => {
    const { composeGeneration } = await import('../src/cli/real-binary.js');
    const dir = mkdtempSync(path.join(tmpdir(), 'cg-wrap-'));
    const wrapper = path.join(dir, 'docker-compose');
    writeFileSync(wrapper, '#!/bin/sh\nexec docker compose "$@"\n', { mode: 0o755 });
    const generation = composeGeneration(wrapper);
    expect(generation).toBe('unknown');
    const j = await judged('-v down -v', PRODUCTION, { tool: 'docker-compose', generation });
    expect(j.analysis.operations.map((o) => o.kind)).toEqual(['compose-down-volumes']);
    expect(j.decision.verdict).toBe('block');
    expect(j.decision.alternatives.map((a) => a.command)).toContain('docker-compose -v down');
  });
});
