// The resolver follows the rules of the Compose version that runs the command; an unknown
// version gets the union of what every modelled version would delete.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeCommand } from '../../src/grammar/analyze.js';
import { realFs } from '../../src/host.js';
import { resolveVolumes } from '../../src/project/volumes.js';
import { labelled, memoryEngine, serviceContainer } from '../helpers/memory-engine.js';

const fixtures = path.resolve(import.meta.dirname, '../fixtures');

function resolve(fixture: string, argv: string[], options: { version?: string | null; cwd?: string; env?: Record<string, string>; engine?: ReturnType<typeof memoryEngine> } = {}) {
  const [analysis] = analyzeCommand('docker', ['compose', ...argv], options.env ?? {}, 'v2');
  return resolveVolumes(analysis!, { env: { HOME: '/nonexistent', ...options.env }, cwd: path.join(fixtures, fixture, options.cwd ?? ''), fs: realFs, engine: options.engine, composeVersion: options.version });
}
const names = (r: Awaited<ReturnType<typeof resolve>>) => r.volumes.map((v) => v.name).sort();

describe('resolving by Compose version', () => {
  it('names what any version would delete when the version is unknown', async () => {
    const r = await resolve('upward', ['down', '-v'], { version: null, cwd: 'sub/deeper' });
    expect(names(r)).toEqual(['cgfix_cwddotenv', 'cgfix_parentdotenv']);
    expect(r.notes.join('\n')).toMatch(/version is unknown and versions differ here/);
  });

  it('reads a version newer than the newest modelled by the newest rules', async () => {
    expect(names(await resolve('upward', ['down', '-v'], { version: '5.0.1', cwd: 'sub/deeper' }))).toEqual(['cgfix_cwddotenv']);
  });

  it('up --yes: refused before 2.30, re-creates changed volumes after', async () => {
    const old = await resolve('basic', ['up', '--yes'], { version: '2.26.1' });
    expect(old.volumes).toEqual([]);
    expect(old.notes.join('\n')).toMatch(/Compose 2.26.1 has no `up --yes` flag: it refuses the command/);
    expect(names(await resolve('basic', ['up', '-y'], { version: '2.40.3' }))).toEqual(['basic_data']);
    expect(names(await resolve('basic', ['up', '--yes'], { version: null }))).toEqual(['basic_data']);
  });

  it('falls back to COMPOSE_PROJECT_NAME from the project .env when the file does not load', async () => {
    const engine = memoryEngine([labelled('cgfixd1_keep', 'cgfixd1'), labelled('other_keep', 'other')]);
    const r = await resolve('dotenv-name-broken-yaml', ['down', '-v'], { version: '2.26.1', engine });
    expect(r.project).toMatchObject({ name: 'cgfixd1', mode: 'name' });
    expect(names(r)).toEqual(['cgfixd1_keep']);
    expect(r.volumes[0]?.reason).toMatch(/COMPOSE_PROJECT_NAME from a .env file/);
  });

  it('narrows down -v SERVICE to the service and its dependencies from 2.29', async () => {
    const vols = ['webdata', 'dbdata', 'cachedata'].map((v) => labelled(`narrow-depends-on_${v}`, 'narrow-depends-on'));
    const engine = memoryEngine(vols, ['web', 'db', 'cache'].map((s) => serviceContainer('narrow-depends-on', s)));
    expect(names(await resolve('narrow-depends-on', ['down', '-v', 'web'], { version: '2.29.0', engine }))).toEqual(['narrow-depends-on_dbdata', 'narrow-depends-on_webdata']);
    expect(names(await resolve('narrow-depends-on', ['down', '-v', 'web'], { version: '2.28.1', engine }))).toHaveLength(3);
  });

  it('returns early from 2.30 when no named service has a container, but only when the engine says so', async () => {
    const engine = memoryEngine([labelled('early-return-none_webdata', 'early-return-none')]);
    const early = await resolve('early-return-none', ['down', '-v', 'web'], { version: '2.30.0', engine });
    expect(early.volumes).toEqual([]);
    expect(early.notes.join('\n')).toMatch(/deletes nothing: no container of web exists/);
    expect(names(await resolve('early-return-none', ['down', '-v', 'web'], { version: '2.30.0' }))).toEqual(['early-return-none_dbdata', 'early-return-none_webdata']);
  });

  it('skips missing volumes from 2.35, and keeps them when the engine cannot say', async () => {
    const engine = memoryEngine([{ Name: 'cgfix_m2_present', Labels: null }]);
    expect(names(await resolve('missing-some-volumes', ['down', '-v'], { version: '2.35.0', engine }))).toEqual(['cgfix_m2_present']);
    expect(names(await resolve('missing-some-volumes', ['down', '-v'], { version: '2.34.0', engine }))).toEqual(['cgfix_m2_absent', 'cgfix_m2_present']);
    expect(names(await resolve('missing-some-volumes', ['down', '-v'], { version: '2.40.3' }))).toEqual(['cgfix_m2_absent', 'cgfix_m2_present']);
  });

  it('validates with the schema the version ships: models: loads only from 2.38', async () => {
    const engine = memoryEngine([labelled('cgfixc2_data', 'cgfixc2'), labelled('cgfixc2_other', 'cgfixc2')]);
    const env = { COMPOSE_PROJECT_NAME: 'cgfixc2' };
    const old = await resolve('schema-models', ['down', '-v'], { version: '2.37.0', env, engine });
    expect(old.project?.mode).toBe('name');
    expect(old.notes.join('\n')).toMatch(/validating .*compose.yaml: \(root\) additional property models is not allowed/);
    expect(names(old)).toEqual(['cgfixc2_data', 'cgfixc2_other']);
    expect(names(await resolve('schema-models', ['down', '-v'], { version: '2.38.0', env, engine }))).toEqual(['cgfixc2_data']);
    expect(names(await resolve('schema-models', ['down', '-v'], { version: null, env, engine }))).toEqual(['cgfixc2_data', 'cgfixc2_other']);
  });
});
