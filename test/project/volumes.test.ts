// The resolver over every fixture case, with an in-memory engine holding the case's volumes
// and decoys of other projects.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CASES, expected, type FixtureCase } from '../fixtures/cases.js';
import { labelled, memoryEngine } from '../helpers/memory-engine.js';
import { resolveCase, summarize } from '../helpers/resolve-case.js';

const fixtures = path.resolve(import.meta.dirname, '../fixtures');

function engineFor(c: FixtureCase) {
  return memoryEngine([
    labelled('decoy_data', 'decoy'),
    { Name: 'unlabelled', Labels: null },
    ...(c.plainVolumes ?? []).map((name) => ({ Name: name, Labels: null })),
    ...(c.labelledVolumes ?? []).map((v) => labelled(v.name, v.project)),
    ...(c.createdVolumes ?? []).map((name) => labelled(name, c.project ?? '')),
  ]);
}

describe('resolving the volumes a down -v would delete', () => {
  it.each(CASES.map((c) => [`${c.generation} ${c.fixture}: ${c.name}`, c] as const))('%s', async (_title, c) => {
    // As Compose 2.26.1 resolves it; the differential suite checks every version on a real engine.
    const want = expected(c, c.generation === 'v2' ? '2.26.1' : undefined);
    expect(summarize(await resolveCase(c, fixtures, engineFor(c))))
      .toEqual({ mode: want.mode, project: want.project, volumes: [...want.volumes].sort() });
  });

  it('says which services use each volume and why it is included', async () => {
    const c = CASES.find((x) => x.fixture === 'webapp')!;
    const resolution = await resolveCase(c, fixtures, engineFor(c));
    expect(resolution.volumes.find((v) => v.name === 'webapp_pgdata')).toMatchObject({ key: 'pgdata', services: ['db'], reason: 'declared and used by db', exists: false });
  });

  it('answers from the files when there is no engine to ask', async () => {
    const c = CASES.find((x) => x.fixture === 'huangpu')!;
    const resolution = await resolveCase(c, fixtures, undefined);
    expect(summarize(resolution).volumes).toEqual(['huangpu_minio', 'huangpu_nats', 'huangpu_postgres']);
    expect(resolution.volumes.every((v) => v.exists === undefined)).toBe(true);
  });

  it('waits for a slow engine\'s answer as long as the engine says it is worth waiting (a remote one), not longer', async () => {
    const c = CASES.find((x) => x.fixture === 'huangpu')!;
    const local = engineFor(c);
    // Answers in 600 ms, as an engine behind an ssh login does.
    const slow = (detailWaitMs?: number) => ({
      detailWaitMs,
      volumes: async (filters?: Record<string, string[]>) => { await new Promise((r) => setTimeout(r, 600)); return local.volumes(filters); },
      containers: async (filters?: Record<string, string[]>) => { await new Promise((r) => setTimeout(r, 600)); return local.containers(filters); },
    });
    const patient = await resolveCase(c, fixtures, slow(1500));
    expect(patient.volumes.every((v) => v.exists !== undefined)).toBe(true);
    const hasty = await resolveCase(c, fixtures, slow(undefined));
    expect(hasty.volumes.every((v) => v.exists === undefined)).toBe(true);
    expect(hasty.notes.join('\n')).toMatch(/no answer within 300 ms/);
  });

  it('cannot resolve name mode without an engine, and says so', async () => {
    const c = CASES.find((x) => x.mode === 'name')!;
    const resolution = await resolveCase(c, fixtures, undefined);
    expect(resolution.uncertainties[0]).toMatch(/every volume labelled com.docker.compose.project=.* and the engine could not be asked/);
  });

  it('covers at least 40 fixture projects', () => {
    expect(new Set(CASES.map((c) => c.fixture)).size).toBeGreaterThanOrEqual(40);
  });
});
