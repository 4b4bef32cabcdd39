// Runs the resolver on one fixture case, as the judge would for `down -v`.
import path from 'node:path';
import type { Engine } from '../../src/daemon/engine.js';
import { analyzeCommand } from '../../src/grammar/analyze.js';
import { realFs } from '../../src/host.js';
import { resolveVolumes, type Resolution } from '../../src/project/volumes.js';
import type { FixtureCase } from '../fixtures/cases.js';

export function caseArgv(c: FixtureCase): { tool: 'docker' | 'docker-compose'; argv: string[] } {
  return c.generation === 'v1'
    ? { tool: 'docker-compose', argv: [...(c.root ?? []), 'down', '-v', ...(c.services ?? [])] }
    : { tool: 'docker', argv: ['compose', ...(c.root ?? []), 'down', '-v', ...(c.services ?? [])] };
}

/** Resolves as the given Compose v2 version would (default the oldest modelled, 2.26.1). */
export async function resolveCase(c: FixtureCase, root: string, engine: Engine | undefined, composeVersion: string | null = '2.26.1'): Promise<Resolution> {
  const { tool, argv } = caseArgv(c);
  const [analysis] = analyzeCommand(tool, argv, c.env ?? {}, c.generation);
  const env = { HOME: '/nonexistent', PATH: '', ...c.env };
  return resolveVolumes(analysis!, { env, cwd: path.join(root, c.fixture, c.cwd ?? ''), fs: realFs, engine, composeVersion });
}

export function summarize(resolution: Resolution): { mode: string | undefined; project: string | null; volumes: string[] } {
  const mode = resolution.uncertainties.length > 0 ? 'uncertain' : resolution.project?.mode;
  return { mode, project: resolution.project?.name ?? null, volumes: resolution.volumes.map((v) => v.name).sort() };
}
