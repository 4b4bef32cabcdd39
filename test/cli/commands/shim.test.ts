// `compose-guard shim TOOL REAL -- ARGS…`: the judgement decides; the verdict goes back to the
// shim with its token; a confirmation, a permit and the audit are settled here.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SHIM_USAGE, shimCommand } from '../../../src/cli/commands/shim.js';
import { permitStore } from '../../../src/cli/store.js';
import type { Prompter } from '../../../src/cli/prompt.js';
import { answering, noTerminal, testIo } from '../../helpers/cli-io.js';

const DOWN_V = ['compose', 'down', '-v'];

function scene(policy: string, prompter: Prompter = noTerminal) {
  const home = mkdtempSync(path.join(tmpdir(), 'cg-shim-'));
  const project = path.join(home, 'shop');
  mkdirSync(project);
  writeFileSync(path.join(project, 'compose.yaml'), 'services:\n  db:\n    image: pg\n    volumes: [data:/d]\nvolumes:\n  data: {}\n');
  writeFileSync(path.join(home, 'policy.yaml'), policy);
  const real = path.join(home, 'docker');
  writeFileSync(real, '#!/bin/sh\nexit 0\n');
  chmodSync(real, 0o755);
  const env = {
    HOME: home, COMPOSE_GUARD_POLICY: path.join(home, 'policy.yaml'), PATH: '/nonexistent', DOCKER_HOST: `unix://${home}/no-engine.sock`,
    COMPOSE_GUARD_GRANT_SOCKET: path.join(home, 'no-daemon.sock'), COMPOSE_GUARD_VERDICT: 'tok-123',
  };
  const said: string[] = [];
  const made = testIo({ argv: [], cwd: project, env, prompter, verdict: (t) => said.push(t), user: { name: 'ann', uid: process.getuid?.() ?? 1000, home } });
  const audit = () => {
    const file = path.join(home, '.local', 'state', 'compose-guard', 'audit.jsonl');
    return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l)) : [];
  };
  return { ...made, home, project, real, said, audit, run: (argv: string[] = DOWN_V) => shimCommand(made.io, ['docker', real, '--', ...argv]) };
}

// The first judgement loads the resolver's modules; on a loaded machine that alone can take
// seconds, which the judge's own deadline would count. Load them once before the cases.
beforeAll(async () => {
  await scene('environment: production\n').run();
});

describe('shim', () => {
  it.each([[[]], [['podman', '/x', '--']], [['docker', '/x', 'down']], [['docker']]])('misused as %j: usage and 2, and a stop for the shim', async (args) => {
    const s = scene('');
    expect(await shimCommand(s.io, args)).toBe(2);
    expect(s.captured.stderr).toBe(SHIM_USAGE);
    expect(s.said).toEqual(['stop tok-123\n']);
  });

  it('stops a destroying command on production: 77, the stop message, an audit line, `stop` for the shim', async () => {
    const s = scene('environment: production\n');
    expect(await s.run()).toBe(77);
    expect(s.captured.stderr).toMatch(/^compose-guard: stopped/);
    expect(s.said).toEqual(['stop tok-123\n']);
    const [entry] = s.audit();
    expect(entry).toMatchObject({ decision: 'block', argv: ['docker', ...DOWN_V], volumes: ['shop_data'], user: 'ann' });
  });

  it('lets it go where the policy allows, with `go` and an audit line', async () => {
    const s = scene('environment: ci\n');
    expect(await s.run()).toBe(0);
    expect(s.said).toEqual(['go tok-123\n']);
    expect(s.audit()).toMatchObject([{ decision: 'allow' }]);
  });

  it('lets an everyday command go without an audit line', async () => {
    const s = scene('environment: production\n');
    expect(await s.run(['compose', 'ps'])).toBe(0);
    expect(s.said).toEqual(['go tok-123\n']);
    expect(s.audit()).toEqual([]);
  });

  it('asks on staging and goes when the project name is typed', async () => {
    const prompter = answering(' shop ');
    const s = scene('environment: staging\n', prompter);
    expect(await s.run()).toBe(0);
    expect(prompter.asked).toHaveLength(1);
    expect(s.audit()).toMatchObject([{ decision: 'allow', reason: 'confirmed at the terminal' }]);
  });

  it.each<[string | undefined, string]>([
    ['blog', 'typed "blog", not "shop"'],
    [undefined, 'no answer at the terminal'],
  ])('stops on staging when the answer is %j', async (answer, reason) => {
    const s = scene('environment: staging\n', answering(answer));
    expect(await s.run()).toBe(77);
    expect(s.captured.stderr).toContain(`compose-guard: stopped docker compose down -v: ${reason}`);
    expect(s.audit()).toMatchObject([{ decision: 'block', reason }]);
    expect(s.said).toEqual(['stop tok-123\n']);
  });

  it('uses an allow-once permit once', async () => {
    const s = scene('environment: production\nsnapshots:\n  before: []\n');
    const permit = permitStore(s.io).issue({ host: s.io.hostname, target: { context: 'default', endpoint: `unix://${s.home}/no-engine.sock` }, tool: 'docker', argv: DOWN_V, project: 'shop', cwd: s.project, reason: 'restore', issuedBy: 'ann', noSnapshot: true }, 10, s.io.now());
    expect(await s.run()).toBe(0);
    expect(s.audit()).toMatchObject([{ decision: 'allow', override: { id: permit.id, reason: 'restore' } }]);
    expect(await s.run()).toBe(77);
  });

  it('keeps the token out of what it records', async () => {
    const s = scene('environment: production\n');
    await s.run();
    expect(JSON.stringify(s.audit())).not.toContain('tok-123');
  });

  it('turns an internal error into a stop, never a go', async () => {
    const s = scene('environment: ci\n');
    const broken = { ...s.io, now: () => { throw new Error('clock broke'); } };
    expect(await shimCommand(broken, ['docker', s.real, '--', ...DOWN_V])).toBe(77);
    expect(s.captured.stderr).toBe('compose-guard: stopped: internal error (clock broke); the command was not judged, so it does not run\n');
    expect(s.said).toEqual(['stop tok-123\n']);
  });
});
