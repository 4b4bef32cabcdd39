// Confirms every row of the spellings table on the real binaries, in throwaway projects on the
// private engine: the row's label must be what the real tool does (its volume is gone, or kept
// with exit 0, or kept with an error or v1's usage text), and whatever the real tool destroys the
// grammar judges (test/grammar/spellings.test.ts holds the same rows). Rows run in a few lanes at
// once, each lane its own project (`cgrow` in a row becomes `cgrow<lane>`).
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { SPELLINGS, type SpellingRow } from '../grammar/spellings.table.js';
import { judgedAs, title } from '../grammar/spellings.judge.js';
import { IMAGE, V1 } from './engine.js';

const ctx = inject('e2e');
const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const LANES = 4;
const root = mkdtempSync(path.join(tmpdir(), 'cg-spell-'));
const wrapper = path.join(root, 'wrap', 'docker-compose');
const free = Array.from({ length: LANES }, (_, i) => i + 1);
const waiting: Array<(lane: number) => void> = [];

interface Lane {
  name: string;
  dir: string;
  made: Set<string>;
}

function lane(id: number): Lane {
  const name = `cgrow${id}`;
  const dir = path.join(root, `lane${id}`, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'compose.yaml'), `services:\n  app:\n    image: ${IMAGE}\n    command: ["sleep", "3600"]\n    volumes: [data:/data, /anon]\nvolumes:\n  data: {}\n`);
  return { name, dir, made: new Set([`${name}_data`, `${name}_prune`]) };
}

mkdirSync(path.dirname(wrapper), { recursive: true });
writeFileSync(wrapper, '#!/bin/sh\nexec docker compose "$@"\n');
chmodSync(wrapper, 0o755);
const lanes = new Map(free.map((id) => [id, lane(id)]));

/** The engine runs one prune at a time ("a prune operation is already running"): prune rows take turns. */
let pruning: Promise<unknown> = Promise.resolve();

function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const turn = pruning.then(work, work);
  pruning = turn.catch(() => undefined);
  return turn;
}

async function withLane<T>(work: (l: Lane) => Promise<T>): Promise<T> {
  const id = free.shift() ?? (await new Promise<number>((resolve) => waiting.push(resolve)));
  try {
    return await work(lanes.get(id) as Lane);
  } finally {
    const next = waiting.shift();
    if (next) next(id);
    else free.push(id);
  }
}

function run(cwd: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: SYSTEM_PATH, HOME: root, DOCKER_HOST: ctx.dockerHost, ...env } });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
  });
}

/** Creates what the row needs; returns the volume whose fate tells what the command did. */
async function setUp(l: Lane, setup: SpellingRow['setup'] = 'project'): Promise<string> {
  const docker = (...args: string[]) => run(l.dir, 'docker', args);
  if (setup === 'prune') {
    await docker('volume', 'create', '--label', `${l.name}.row=1`, '--label', 'com.docker.volume.anonymous=', `${l.name}_prune`);
    return `${l.name}_prune`;
  }
  if (setup === 'container') {
    await docker('create', '-v', '/anon', '--name', `${l.name}_c`, IMAGE);
    return (await docker('inspect', '-f', '{{range .Mounts}}{{.Name}}{{end}}', `${l.name}_c`)).output.trim();
  }
  if (setup === 'compose-containers') {
    await docker('compose', '-p', l.name, 'create');
    return (await docker('inspect', '-f', '{{range .Mounts}}{{if eq .Destination "/anon"}}{{.Name}}{{end}}{{end}}', `${l.name}-app-1`)).output.trim();
  }
  // A stale config hash makes Compose 2.32+ `up -y` delete and re-create the volume: the marker label tells.
  const stale = setup === 'stale' ? ['--label', 'com.docker.compose.config-hash=stale'] : [];
  await docker('volume', 'create', '--label', `com.docker.compose.project=${l.name}`, '--label', 'com.docker.compose.volume=data', '--label', 'cgrow.marker=1', ...stale, `${l.name}_data`);
  return `${l.name}_data`;
}

/** Removes what the lane made (and only that: other test files share the engine). */
async function cleanUp(l: Lane): Promise<void> {
  const docker = (...args: string[]) => run(l.dir, 'docker', args);
  const containers = (await docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${l.name}`)).output.split('\n').filter(Boolean);
  await docker('rm', '-f', `${l.name}_c`, ...containers);
  const labelled = (await docker('volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${l.name}`)).output.split('\n').filter(Boolean);
  await docker('volume', 'rm', '-f', ...l.made, ...labelled);
}

async function realRun(l: Lane, row: SpellingRow) {
  const env: NodeJS.ProcessEnv = {};
  let argv = row.argv.replaceAll('cgrow', l.name).split(' ');
  if (row.config) {
    const dir = mkdtempSync(path.join(root, 'cfg-'));
    writeFileSync(path.join(dir, 'config.json'), row.config);
    if (argv.includes('{CFG}')) argv = argv.map((a) => (a === '{CFG}' ? dir : a));
    else env.DOCKER_CONFIG = dir;
  }
  if (row.compose) env.DOCKER_CONFIG = ctx.composeBuilds.find((b) => b.version === row.compose)?.configDir ?? '/nonexistent';
  const program = { docker: 'docker', v2s: path.join(ctx.v2Bin, 'docker-compose'), v1: V1, wrap: wrapper }[row.reader];
  return run(l.dir, program, argv, env);
}

describe.skipIf(!ctx.available).concurrent('the spellings table on the real binaries', () => {
  afterAll(async () => {
    for (const l of lanes.values()) await cleanUp(l);
  });

  it.each(SPELLINGS.map((r) => [title(r), r] as const))('%s', async (_, row) => {
    const { seen, output } = await withLane(async (l) => {
      await cleanUp(l);
      const watched = await setUp(l, row.setup);
      l.made.add(watched);
      expect(watched).not.toBe('');
      const result = await (row.setup === 'prune' ? oneAtATime(() => realRun(l, row)) : realRun(l, row));
      const inspected = await run(l.dir, 'docker', ['volume', 'inspect', '-f', '{{json .Labels}}', watched]);
      const kept = inspected.status === 0 && (row.setup !== undefined && row.setup !== 'stale' ? true : inspected.output.includes('cgrow.marker'));
      const refused = result.status !== 0 || (row.reader === 'v1' && /Usage:/.test(result.output));
      return { seen: !kept ? 'destroys' : row.label === 'refused' && refused ? 'refused' : result.status === 0 ? 'harmless' : 'refused', output: result.output };
    });
    expect({ seen, output: seen === row.label ? '' : output.slice(0, 400) }).toEqual({ seen: row.label, output: '' });
    // The principle: whatever the real tool destroys, compose-guard judges.
    if (seen === 'destroys') expect(judgedAs(row)).toBe(true);
  });
});
