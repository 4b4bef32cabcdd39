// Judging the command line typed after `--` (check, shim, allow-once share it).
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { judgeCommand, toolCommand } from '../../../src/cli/commands/judge-command.js';
import { UsageError } from '../../../src/cli/spec/parse.js';
import { permitStore } from '../../../src/cli/store.js';
import { testIo } from '../../helpers/cli-io.js';

describe('toolCommand', () => {
  it.each<[string[] | undefined, string]>([
    [undefined, 'the command line goes after --'],
    [[], 'the command after -- must start with docker or docker-compose'],
    [['podman', 'rm'], 'the command after -- must start with docker or docker-compose (not "podman")'],
    [['/usr/bin/docker', 'rm'], 'the command after -- must start with docker or docker-compose (not "/usr/bin/docker")'],
  ])('refuses %j', (command, message) => {
    expect(() => toolCommand(command)).toThrow(new UsageError(message));
  });

  it('splits the tool from its arguments', () => {
    expect(toolCommand(['docker-compose', 'down', '-v'])).toEqual({ tool: 'docker-compose', argv: ['down', '-v'] });
    expect(toolCommand(['docker'])).toEqual({ tool: 'docker', argv: [] });
  });
});

/** A home with a compose project, a production policy and a compose plugin of its own. */
function scene() {
  const home = mkdtempSync(path.join(tmpdir(), 'cg-judge-command-'));
  const project = path.join(home, 'shop');
  mkdirSync(project);
  writeFileSync(path.join(project, 'compose.yaml'), 'services:\n  db:\n    image: pg\n    volumes: [data:/d]\nvolumes:\n  data: {}\n');
  writeFileSync(path.join(home, 'policy.yaml'), 'environment: production\n');
  const plugin = path.join(home, '.docker', 'cli-plugins', 'docker-compose');
  mkdirSync(path.dirname(plugin), { recursive: true });
  writeFileSync(plugin, '#!/bin/sh\necho 2.40.3\n');
  chmodSync(plugin, 0o755);
  const env = { HOME: home, COMPOSE_GUARD_POLICY: path.join(home, 'policy.yaml'), PATH: '/nonexistent', DOCKER_HOST: `unix://${home}/no-engine.sock` };
  return { home, project, env, ...testIo({ argv: [], cwd: project, env, user: { name: 'ann', uid: process.getuid?.() ?? 1000, home } }) };
}

describe('judgeCommand', () => {
  it('judges with the io\'s environment, place, host and clock', async () => {
    const { io } = scene();
    const j = await judgeCommand(io, 'docker', ['compose', 'down', '-v'], { interactive: false });
    expect(j.decision.verdict).toBe('block');
    expect(j.resolution.volumes.map((v) => v.name)).toEqual(['shop_data']);
    expect(j.realBinary).toBeUndefined();
    expect(j.compose?.plugin).toBe(true);
  });

  it('finds the caller\'s permit for exactly this command', async () => {
    const { io, project } = scene();
    const j0 = await judgeCommand(io, 'docker', ['compose', 'down', '-v'], { interactive: false });
    permitStore(io).issue({ host: io.hostname, target: { context: j0.target.context, endpoint: j0.target.endpoint ?? null }, tool: 'docker', argv: ['compose', 'down', '-v'], project: 'shop', cwd: project, reason: 'r', issuedBy: 'ann' }, 10, io.now());
    const j = await judgeCommand(io, 'docker', ['compose', 'down', '-v'], { interactive: false });
    expect(j.permit?.reason).toBe('r');
    expect(j.decision.verdict).toBe('allow');
    expect((await judgeCommand(io, 'docker', ['compose', 'down', '--volumes'], { interactive: false })).permit).toBeUndefined();
  });

  it('reads docker-compose by the generation of the real binary it is given', async () => {
    const { io, home } = scene();
    const v1 = path.join(home, 'docker-compose-v1');
    writeFileSync(v1, '#!/usr/bin/python3\n# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom compose.cli.main import main\n');
    chmodSync(v1, 0o755);
    // v1 takes `rm -v` as its only spelling; `--volumes` is not v1's.
    const j = await judgeCommand(io, 'docker-compose', ['down', '-v'], { interactive: false, realBinary: v1 });
    expect(j.realBinary).toBe(v1);
    expect(j.analysis.compose?.generation).toBe('v1');
  });
});
