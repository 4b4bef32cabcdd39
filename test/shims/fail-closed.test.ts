// Faults through the installed shims, under every policy source (environment, hosts, targets,
// protect, the project's file) on production, staging and ci hosts. A fault the judge can see
// is an uncertainty and decided by the policy; a judge that cannot answer stops the command.
// Either way: on a protected host the real program never runs, and every verdict comes in time.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installShims, type Installed } from '../helpers/install.js';
import { makeRealStandIn, pool, runShell, type RealStandIn, type ShimOutcome } from '../helpers/shim-runner.js';
import { startFakeEngine, type FakeEngine, type FakeEngineMode } from '../helpers/fake-engine.js';

const TAGS = ['production', 'staging', 'ci'] as const;
const SOURCES = ['environment', 'hosts', 'targets', 'protect', 'project'] as const;
type Tag = (typeof TAGS)[number];
type Source = (typeof SOURCES)[number];

const COMPOSE = 'services:\n  db:\n    image: busybox\n    volumes: ["data:/d"]\nvolumes:\n  data: {}\n';
const VERDICT_BOUND_MS = 5000;

let installed: Installed;
let real: RealStandIn;
const engines = new Map<FakeEngineMode, FakeEngine>();
const worst = new Map<string, number>();

beforeAll(async () => {
  installed = installShims();
  real = makeRealStandIn();
  for (const mode of ['nulls', 'hang', 'trickle', 'endless', 'garbage'] as const) engines.set(mode, await startFakeEngine(mode));
});

afterAll(async () => {
  for (const engine of engines.values()) await engine.close();
  const rows = [...worst].map(([fault, ms]) => `${fault} ${Math.round(ms)} ms`);
  console.info(`worst time to a verdict per fault: ${rows.join(', ')}`);
});

/** A wrapper for COMPOSE_GUARD_NODE that starts node with `preload` required first. */
function nodeWith(preload: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cg-node-'));
  writeFileSync(path.join(dir, 'preload.cjs'), preload);
  writeFileSync(path.join(dir, 'node'), `#!/bin/sh\nexec '${process.execPath}' -r '${dir}/preload.cjs' "$@"\n`, { mode: 0o755 });
  return path.join(dir, 'node');
}

interface Fault {
  name: string;
  command: string;
  /** The judge sees everything it needs (the fault changes nothing it decides on). */
  certain?: boolean;
  /** The judge cannot answer at all: the shim stops whatever the policy. */
  broken?: boolean;
  setup?: (project: string) => void;
  env?: () => Record<string, string>;
  shell?: string;
}

const ALIASES = `x-a: &a "v"\nservices:\n  db:\n    image: busybox\n    volumes: ["data:/d"]\n    command: [${Array.from({ length: 10_001 }, () => '*a').join(', ')}]\nvolumes:\n  data: {}\n`;
const DEEP = `${COMPOSE}x-deep:\n${Array.from({ length: 2000 }, (_, i) => `${'  '.repeat(i + 1)}k${i}:\n`).join('')}${'  '.repeat(2001)}v: 1\n`;
const DOWN_V = 'docker compose down -v';
const NAMED = 'docker compose -p proj down -v';

const FAULTS: Fault[] = [
  { name: '10,001 alias uses', command: DOWN_V, setup: (p) => writeFileSync(path.join(p, 'compose.yaml'), ALIASES) },
  { name: 'a mapping 2,000 levels deep', command: DOWN_V, setup: (p) => writeFileSync(path.join(p, 'compose.yaml'), DEEP) },
  { name: 'DOCKER_HOST=tcp://:2375', command: NAMED, env: () => ({ DOCKER_HOST: 'tcp://:2375' }) },
  ...(['hang', 'trickle', 'endless', 'garbage'] as const).map((mode): Fault => ({ name: `an engine that answers ${mode}`, command: NAMED, env: () => ({ DOCKER_HOST: engines.get(mode)!.endpoint }) })),
  { name: 'an engine answering null Labels and Mounts', command: NAMED, certain: true, env: () => ({ DOCKER_HOST: engines.get('nulls')!.endpoint }) },
  {
    name: 'a FIFO as the compose file',
    command: `cat compose.yaml > fifo.yaml 2>/dev/null & w=$!; docker compose -f fifo.yaml down -v; s=$?; kill $w 2>/dev/null; exit $s`,
    setup: (p) => execFileSync('mkfifo', [path.join(p, 'fifo.yaml')]),
  },
  { name: '-f /dev/zero', command: 'docker compose -f zero.yaml down -v', setup: (p) => symlinkSync('/dev/zero', path.join(p, 'zero.yaml')) },
  { name: '--env-file /dev/zero', command: 'docker compose --env-file /dev/zero down -v' },
  { name: 'process substitution', command: 'docker compose --project-directory . -f <(cat compose.yaml) down -v', shell: '/bin/bash' },
  { name: 'the judge throws while reading', command: DOWN_V, env: () => ({ COMPOSE_GUARD_NODE: throwing }) },
  { name: 'the judge is killed', command: DOWN_V, broken: true, env: () => ({ COMPOSE_GUARD_NODE: killed }) },
  { name: 'a foreign judge exits 0', command: DOWN_V, broken: true, env: () => ({ COMPOSE_GUARD_NODE: '/bin/true' }) },
];

const throwing = nodeWith(`const fs = require('node:fs'); const open = fs.openSync;
fs.openSync = (file, ...rest) => { if (String(file).endsWith('compose.yaml')) throw new TypeError('injected'); return open(file, ...rest); };\n`);
const killed = nodeWith(`process.kill(process.pid, 'SIGKILL');\n`);
const spinning = nodeWith(`for (;;) {}\n`);
/** A judge that waits without using CPU (as on a hung mount): only the wall-clock watchdog ends it. */
const waiting = nodeWith(`Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);\n`);

function policyText(tag: Tag, source: Source): string {
  switch (source) {
    case 'environment':
      return `environment: ${tag}\n`;
    case 'hosts':
      return `hosts:\n  "${hostname()}": ${tag}\n`;
    case 'targets':
      return `targets:\n  "*": ${tag}\n`;
    case 'protect':
      return `environment: ${tag}\nprotect: ["*"]\n`;
    case 'project':
      return '';
  }
}

/** Whether the real program may run: only where the policy plainly allows what the judge saw. */
function goes(fault: Fault, tag: Tag, source: Source): boolean {
  if (fault.broken || source === 'protect' || tag === 'production') return false;
  return tag === 'ci' || fault.certain === true;
}

async function runCase(fault: Fault, tag: Tag, source: Source, command = fault.command): Promise<ShimOutcome> {
  const home = mkdtempSync(path.join(tmpdir(), 'cg-fc-home-'));
  const project = path.join(home, 'proj');
  mkdirSync(project);
  writeFileSync(path.join(project, 'compose.yaml'), COMPOSE);
  fault.setup?.(project);
  writeFileSync(path.join(home, 'policy.yaml'), policyText(tag, source));
  if (source === 'project') writeFileSync(path.join(project, '.compose-guard.yaml'), `environment: ${tag}\n`);
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(base)) if (/^(COMPOSE_|DOCKER_|CI$)/.test(key)) delete base[key];
  const env = {
    ...base, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_STATE_HOME: path.join(home, '.state'), NO_COLOR: '1',
    PATH: `${installed.bin}:${real.dir}:/usr/bin:/bin`, COMPOSE_GUARD_POLICY: path.join(home, 'policy.yaml'),
    DOCKER_HOST: 'unix:///nonexistent/docker.sock', ...fault.env?.(),
  };
  const outcome = await runShell(command, env, project, fault.shell);
  rmSync(home, { recursive: true, force: true });
  return outcome;
}

function record(fault: string, outcome: ShimOutcome): void {
  worst.set(fault, Math.max(worst.get(fault) ?? 0, outcome.ms));
}

describe.each(FAULTS)('$name', (fault) => {
  it('stops on every protected host, goes where the policy plainly allows it, in time', async () => {
    const cases = TAGS.flatMap((tag) => SOURCES.map((source) => ({ tag, source })));
    const outcomes = await pool(cases.map(({ tag, source }) => () => runCase(fault, tag, source)), 3);
    cases.forEach(({ tag, source }, i) => {
      const outcome = outcomes[i] as ShimOutcome;
      const label = `${tag} via ${source}: ${outcome.stderr}`;
      record(fault.name, outcome);
      expect(outcome.ms, label).toBeLessThan(VERDICT_BOUND_MS);
      if (goes(fault, tag, source)) {
        expect([outcome.status, outcome.ran], label).toEqual([0, true]);
        // What the real program reads from its -f file is all there (the judge drained nothing).
        if (fault.name === 'process substitution' || fault.name.startsWith('a FIFO')) expect(outcome.seen, label).toBe(COMPOSE);
      } else {
        expect([outcome.status, outcome.ran], label).toEqual([77, false]);
        expect(outcome.stderr, label).toMatch(/compose-guard: stopped/);
      }
    });
  });

  it('lets everyday commands through untouched', async () => {
    const outcome = await runCase(fault, 'production', 'environment', 'docker compose ps');
    expect([outcome.status, outcome.ran, outcome.stderr]).toEqual([0, true, '']);
  });
});

describe('answers the verdict does not need', () => {
  it('docker rm -v asks a hung engine within its bound, then counts the anonymous volumes as destroyed; docker volume rm does not wait on it', async () => {
    const hung = engines.get('hang')!;
    const asked = hung.requests.length;
    const fault: Fault = { name: 'a hung engine, rm -v', command: 'docker rm -v ctr', env: () => ({ DOCKER_HOST: hung.endpoint }) };
    for (const tag of TAGS) {
      const outcome = await runCase(fault, tag, 'environment');
      record(fault.name, outcome);
      expect([outcome.status, outcome.ran]).toEqual(tag === 'production' ? [77, false] : [0, true]);
    }
    expect(hung.requests.length).toBeGreaterThan(asked);
    const afterRmV = hung.requests.length;
    const volumeRm: Fault = { name: 'a hung engine, volume rm', command: 'docker volume rm proj_data', env: () => ({ DOCKER_HOST: hung.endpoint }) };
    const outcome = await runCase(volumeRm, 'ci', 'environment');
    record(volumeRm.name, outcome);
    expect([outcome.status, outcome.ran]).toEqual([0, true]);
    expect(hung.requests.length).toBeGreaterThan(afterRmV);
  });
});

describe('a judge stuck in a loop', () => {
  // Ended by CPU time, not wall time: on a busy machine the wall time is longer (recorded).
  it('is ended by its CPU limit and the command stops', async () => {
    const fault: Fault = { name: 'a judge stuck in a loop', command: DOWN_V, broken: true, env: () => ({ COMPOSE_GUARD_NODE: spinning }) };
    const outcome = await runCase(fault, 'ci', 'environment');
    record(fault.name, outcome);
    expect([outcome.status, outcome.ran]).toEqual([77, false]);
    // SIGXCPU (152) on a quiet machine; on a busy one the wall-clock watchdog may come first.
    expect(outcome.stderr).toMatch(/the judge gave no verdict( \(status 1[35]\d\)| within 4 s)/);
  });
});

describe('a judge that waits without using CPU', () => {
  it('is ended by the wall-clock watchdog and the command stops, even on ci', async () => {
    const fault: Fault = { name: 'a judge waiting for ever', command: DOWN_V, broken: true, env: () => ({ COMPOSE_GUARD_NODE: waiting }) };
    const outcome = await runCase(fault, 'ci', 'environment');
    record(fault.name, outcome);
    expect([outcome.status, outcome.ran]).toEqual([77, false]);
    expect(outcome.stderr).toContain('the judge gave no verdict within 4 s');
    expect(outcome.ms).toBeGreaterThanOrEqual(4000);
    expect(outcome.ms).toBeLessThan(VERDICT_BOUND_MS);
  });
});

describe('an emptied or truncated judge', () => {
  const cut = { name: 'truncated judge', command: DOWN_V } satisfies Fault;

  it.each([['judge.cjs', 24], ['commands.cjs', 14]])('stops at every cut point of the real %s, even on ci', async (name, count) => {
    const prefix = installShims();
    const bundle = path.join(prefix.prefix, 'lib/compose-guard', name);
    const whole = readFileSync(bundle);
    const points = [0, 1, 2, 50, ...Array.from({ length: count }, (_, i) => Math.floor(((i + 1) * whole.length) / (count + 2))), whole.length - 2, whole.length - 1];
    const saved = installed;
    installed = prefix;
    try {
      for (const point of points) {
        writeFileSync(bundle, whole.subarray(0, point));
        const outcome = await runCase(cut, 'ci', 'environment');
        // Cutting only the final `;` and newline leaves the whole judge, which judges (ci: go).
        const intact = /^[;\s]*$/.test(whole.subarray(point).toString());
        record(point === 0 ? `an emptied ${name}` : `a truncated ${name}`, outcome);
        expect([point, outcome.status, outcome.ran]).toEqual([point, intact ? 0 : 77, intact]);
      }
    } finally {
      installed = saved;
    }
  });
});
