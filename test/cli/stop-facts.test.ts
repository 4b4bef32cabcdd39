// The stop message's extra facts: the newest snapshot of each volume from the snapshot folder's
// manifests (sizes come from the engine and are checked end to end).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderStop, colorsFor } from '../../src/cli/report.js';
import { stopFacts } from '../../src/cli/stop-facts.js';
import { judge } from '../../src/judge.js';
import { repoRoot } from '../helpers/install.js';
import { labelled, memoryEngine } from '../helpers/memory-engine.js';
import type { Engine } from '../../src/daemon/engine.js';

function snapshotFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cg-snaps-'));
  const write = (id: string, time: string, volumes: string[]) => {
    mkdirSync(path.join(dir, id));
    writeFileSync(path.join(dir, id, 'manifest.json'), JSON.stringify({ id, time, project: 'huangpu', volumes: volumes.map((name) => ({ name })) }));
  };
  write('huangpu-20261124T110000Z-aaaaaa', '2026-11-24T11:00:00.000Z', ['huangpu_postgres', 'huangpu_minio']);
  write('huangpu-20261124T115800Z-bbbbbb', '2026-11-24T11:58:00.000Z', ['huangpu_postgres']);
  write('other-20261124T115900Z-cccccc', '2026-11-24T11:59:00.000Z', ['huangpu_nats']);
  mkdirSync(path.join(dir, '.huangpu-20261124T115950Z-dddddd.partial'));
  return dir;
}

describe('stopFacts', () => {
  it('names the newest committed snapshot of each volume and its age; partial ones do not count', async () => {
    const dir = snapshotFolder();
    const policy = path.join(mkdtempSync(path.join(tmpdir(), 'cg-pol-')), 'p.yaml');
    writeFileSync(policy, `environment: production\nsnapshots:\n  dir: ${dir}\n`);
    const env = { ...process.env, COMPOSE_GUARD_POLICY: policy, DOCKER_HOST: 'unix:///nonexistent.sock' };
    const now = new Date('2026-11-24T12:00:00Z');
    const j = await judge({ tool: 'docker', argv: ['compose', 'down', '-v'], env, cwd: path.join(repoRoot, 'test/fixtures/huangpu'), hostname: 'h', now, interactive: false });
    const facts = await stopFacts(j, env, 1000, now);
    expect(facts.get('huangpu_postgres')).toEqual({ size: undefined, snapshot: { id: 'huangpu-20261124T115800Z-bbbbbb', ageMs: 120_000 } });
    expect(facts.get('huangpu_minio')?.snapshot?.ageMs).toBe(3_600_000);
    expect(facts.get('huangpu_nats')?.snapshot).toBeUndefined();
    const text = renderStop(j, colorsFor(false), facts);
    expect(text).toContain('huangpu_postgres  (key postgres; used by postgres; newest snapshot 2 min old)');
    expect(text).toContain('huangpu_nats  (key nats; used by nats; no snapshot)');
  });

  it('asks the sizes of the engine the judgement reached, with its settings, and says nothing of a size it could not learn', async () => {
    const policy = path.join(mkdtempSync(path.join(tmpdir(), 'cg-pol-')), 'p.yaml');
    writeFileSync(policy, 'environment: production\n');
    const env = { ...process.env, COMPOSE_GUARD_POLICY: policy, DOCKER_HOST: 'tcp://engine.example:2376' };
    const asked: Array<{ endpoint: string | undefined; deadlineMs: number }> = [];
    const connect = (endpoint: string | undefined): Engine => ({
      ...memoryEngine([labelled('huangpu_postgres', 'huangpu'), labelled('huangpu_minio', 'huangpu')]),
      volumeSizes: async (deadlineMs) => {
        asked.push({ endpoint, deadlineMs });
        return new Map([['huangpu_postgres', 40_189_073]]);
      },
    });
    const now = new Date('2026-11-24T12:00:00Z');
    const j = await judge({ tool: 'docker', argv: ['compose', 'down', '-v'], env, cwd: path.join(repoRoot, 'test/fixtures/huangpu'), hostname: 'h', now, interactive: false, connect });
    const facts = await stopFacts(j, env, 1000, now);
    expect(asked).toEqual([{ endpoint: 'tcp://engine.example:2376', deadlineMs: 500 }]);
    expect(facts.get('huangpu_postgres')?.size).toBe(40_189_073);
    expect(facts.get('huangpu_minio')?.size).toBeUndefined();
    const text = renderStop(j, colorsFor(false), facts);
    expect(text).toMatch(/huangpu_postgres {2}\(key postgres; used by postgres; exists; 40\.2 MB; no snapshot\)/);
    expect(text).toContain('huangpu_minio  (key minio; used by minio; exists; no snapshot)');
    // An engine that fails to count leaves the sizes out; the message is the same otherwise.
    const failing = await judge({ tool: 'docker', argv: ['compose', 'down', '-v'], env, cwd: path.join(repoRoot, 'test/fixtures/huangpu'), hostname: 'h', now, interactive: false,
      connect: () => ({ ...memoryEngine([labelled('huangpu_postgres', 'huangpu')]), volumeSizes: async () => { throw new Error('no answer'); } }) });
    expect((await stopFacts(failing, env, 1000, now)).get('huangpu_postgres')).toEqual({ size: undefined, snapshot: undefined });
  });
});
