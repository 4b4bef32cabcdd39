// The engine client against the real engine: the same questions get the same answers every
// time, however they are interleaved (a half-closed request once made dockerd answer a
// filtered list with nothing, one time in eight).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectEngine, EngineUnreachable } from '../../src/daemon/engine.js';
import { repoRoot } from '../helpers/install.js';
import { commandRunner, copyFixture, type Outcome, type RunOptions } from './helpers.js';

const ctx = inject('e2e');

describe.skipIf(!ctx.available)('the engine client', () => {
  let run: (argv: string[], options?: RunOptions) => Outcome;

  beforeAll(() => {
    const project = copyFixture('webapp', path.join(repoRoot, 'test/fixtures'));
    run = commandRunner(ctx, project, mkdtempSync(path.join(tmpdir(), 'cg-engine-home-')));
    expect(run(['docker', 'compose', 'up', '--no-start']).status).toBe(0);
  });

  afterAll(() => {
    run?.(['docker', 'compose', 'down', '-v']);
  });

  it('answers 100 interleaved rounds of questions consistently', async () => {
    const label = { label: ['com.docker.compose.project=webapp'] };
    const answers = new Set<string>();
    for (let i = 0; i < 100; i++) {
      const engine = connectEngine(ctx.dockerHost, {})!;
      const [all, labelled, containers] = await Promise.all([engine.volumes(), engine.volumes(label), engine.containers(label)]);
      const names = new Set(all.map((v) => v.Name));
      answers.add(JSON.stringify([labelled.map((v) => v.Name).sort(), containers.length, labelled.every((v) => names.has(v.Name))]));
    }
    // up --no-start creates the volumes and containers of the enabled services (admin's profile is off).
    expect([...answers]).toEqual([JSON.stringify([['webapp_pgdata', 'webapp_redis', 'webapp_uploads'], 3, true])]);
  });

  it('reports an engine that is not there as unreachable', async () => {
    await expect(connectEngine('unix:///nonexistent/docker.sock', {})!.volumes()).rejects.toBeInstanceOf(EngineUnreachable);
    expect(connectEngine('npipe:////./pipe/docker_engine', {})).toBeUndefined();
  });
});
