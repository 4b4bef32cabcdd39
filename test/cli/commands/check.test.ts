// `compose-guard check`: the judgement without running, asking, using a permit or writing anything.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkCommand } from '../../../src/cli/commands/check.js';
import { permitStore } from '../../../src/cli/store.js';
import { answering, testIo } from '../../helpers/cli-io.js';

function scene(policy: string, prompter = answering()) {
  const home = mkdtempSync(path.join(tmpdir(), 'cg-check-'));
  const project = path.join(home, 'shop');
  mkdirSync(project);
  writeFileSync(path.join(project, 'compose.yaml'), 'services:\n  db:\n    image: pg\n    volumes: [data:/d]\nvolumes:\n  data: {}\n');
  writeFileSync(path.join(home, 'policy.yaml'), policy);
  const plugin = path.join(home, '.docker', 'cli-plugins', 'docker-compose');
  mkdirSync(path.dirname(plugin), { recursive: true });
  writeFileSync(plugin, '#!/bin/sh\necho 2.40.3\n');
  chmodSync(plugin, 0o755);
  const env = { HOME: home, COMPOSE_GUARD_POLICY: path.join(home, 'policy.yaml'), PATH: '/nonexistent', DOCKER_HOST: `unix://${home}/no-engine.sock` };
  const made = testIo({ argv: [], cwd: project, env, prompter, user: { name: 'ann', uid: process.getuid?.() ?? 1000, home } });
  const check = (command: string[], json = false) => checkCommand(made.io, { values: { json }, operands: [], command, raw: [] });
  return { home, project, check, ...made };
}

const DOWN_V = ['docker', 'compose', 'down', '-v'];

// The first judgement loads the resolver's modules; on a loaded machine that alone can take
// seconds, which the judge's own deadline would count. Load them once before the cases.
beforeAll(async () => {
  await scene('environment: production\n').check(DOWN_V);
});

describe('check', () => {
  it('exits 77 with the stop message on a production host', async () => {
    const { check, captured } = scene('environment: production\n');
    expect(await check(DOWN_V)).toBe(77);
    expect(captured.stderr).toMatch(/^compose-guard: stopped/);
    expect(captured.stderr).toContain('shop_data');
    expect(captured.stdout).toBe('');
  });

  it('exits 77 where a person would be asked, without asking', async () => {
    const prompter = answering('shop');
    const { check, captured } = scene('environment: staging\n', prompter);
    expect(await check(DOWN_V)).toBe(77);
    expect(captured.stderr).toMatch(/^compose-guard: would ask for confirmation\n/);
    expect(prompter.asked).toEqual([]);
  });

  it('exits 0 with a note where the policy lets a destroying command go', async () => {
    const { check, captured } = scene('environment: ci\n');
    expect(await check(DOWN_V)).toBe(0);
    expect(captured.stderr).toContain('shop_data');
  });

  it('exits 0 and says why for a command that destroys nothing', async () => {
    const { check, captured } = scene('environment: production\n');
    expect(await check(['docker', 'compose', 'down'])).toBe(0);
    expect(captured.stderr).toMatch(/^compose-guard: goes ahead \(/);
  });

  it('prints the judgement as JSON on stdout with --json', async () => {
    const { check, captured } = scene('environment: production\n');
    expect(await check(DOWN_V, true)).toBe(77);
    const json = JSON.parse(captured.stdout);
    expect(json).toMatchObject({ tool: 'docker', decision: 'block', destructive: true, environment: 'production' });
    expect(captured.stderr).toBe('');
  });

  it('writes nothing: no audit line, and a permit is shown but not used up', async () => {
    const { check, home, io, project } = scene('environment: production\n');
    const permit = permitStore(io).issue({ host: io.hostname, target: { context: 'default', endpoint: `unix://${home}/no-engine.sock` }, tool: 'docker', argv: DOWN_V.slice(1), project: 'shop', cwd: project, reason: 'r', issuedBy: 'ann' }, 10, io.now());
    expect(await check(DOWN_V)).toBe(0);
    expect(await check(DOWN_V)).toBe(0);
    expect(permitStore(io).list(io.now()).map((l) => l.id)).toEqual([permit.id]);
    const state = path.join(home, '.local', 'state', 'compose-guard');
    expect(readdirSync(state).sort()).toEqual(['permits']);
    expect(existsSync(path.join(state, 'audit.jsonl'))).toBe(false);
  });

  it('refuses a command that is not docker or docker-compose', async () => {
    const { check } = scene('');
    await expect(check(['podman', 'rm'])).rejects.toThrow(/must start with docker or docker-compose/);
  });
});
