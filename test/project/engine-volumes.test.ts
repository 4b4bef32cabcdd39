// Operations that delete only anonymous volumes, resolved by asking the engine which there are.
import { describe, expect, it } from 'vitest';
import { EngineUnreachable, type Engine, type EngineContainer } from '../../src/daemon/engine.js';
import type { ComposeInvocation, Operation } from '../../src/grammar/command.js';
import { composeAnonymous, containerAnonymous, UNASKED_ANONYMOUS } from '../../src/project/engine-volumes.js';
import { emptyResolution, type Resolution } from '../../src/project/volumes.js';
import { memoryEngine } from '../helpers/memory-engine.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const RM: Operation = { kind: 'container-rm-volumes', summary: 'rm --volumes', reaches: 'anonymous', containers: ['web'] };
const COMPOSE_RM: Operation = { kind: 'compose-rm-volumes', summary: 'compose rm --volumes', reaches: 'anonymous' };
const inputs = (engine?: Engine) => ({ env: {}, cwd: '/srv/shop', fs: { read: () => undefined, isFile: () => false }, engine });
const unreachable: Engine = { volumes: async () => { throw new EngineUnreachable('no socket'); }, containers: async () => { throw new EngineUnreachable('no socket'); } };

function composeContainer(service: string, mounts: string[]): EngineContainer {
  return { Id: service, Names: [`/shop-${service}-1`], Labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': service }, Mounts: mounts.map((Name) => ({ Type: 'volume', Name, Destination: '/x' })) };
}

describe('containerAnonymous', () => {
  it('adds the containers\' anonymous volumes', async () => {
    const r = emptyResolution();
    r.anonymousVolumes.push(A);
    await containerAnonymous(RM, inputs(memoryEngine([], [{ ...composeContainer('web', [A, B, 'shop_db']), Names: ['/web'] }])), r);
    expect(r.anonymousVolumes).toEqual([A, B]);
    expect(r.harmless).toEqual([]);
  });

  it('marks the operation harmless when the engine shows none', async () => {
    const r = emptyResolution();
    await containerAnonymous({ ...RM, containers: ['web', 'api'] }, inputs(memoryEngine([], [{ ...composeContainer('web', ['shop_db']), Names: ['/web'] }])), r);
    expect(r.harmless).toEqual(['container-rm-volumes']);
    expect(r.notes).toEqual(['the engine shows no anonymous volumes on web, api: `rm --volumes` deletes no volume']);
  });

  it.each([['no engine client', undefined], ['an engine that does not answer', unreachable]])('with %s, leaves the operation as it is, with a note', async (_, engine) => {
    const r = emptyResolution();
    await containerAnonymous(RM, inputs(engine), r);
    expect(r.harmless).toEqual([]);
    expect(r.notes[0]?.startsWith(UNASKED_ANONYMOUS)).toBe(true);
  });

  it('lets a failure that is not the engine\'s through', async () => {
    const broken: Engine = { volumes: async () => [], containers: async () => { throw new TypeError('bug'); } };
    await expect(containerAnonymous(RM, inputs(broken), emptyResolution())).rejects.toThrow(TypeError);
  });
});

describe('composeAnonymous', () => {
  const inv = (services: string[] = []): ComposeInvocation => ({ generation: 'v2', subcommand: 'rm', files: [], envFiles: [], profiles: [], services, allResources: false });
  const loads = (doubt?: string) => async (_: ComposeInvocation, __: Operation, ___: unknown, r: Resolution) => {
    r.project = { name: 'shop', workingDir: '/srv/shop', mode: 'file' };
    if (doubt) r.uncertainties.push(doubt);
  };
  const engine = memoryEngine([], [composeContainer('web', [A]), composeContainer('db', [B, 'shop_pg']), { ...composeContainer('x', ['c'.repeat(64)]), Labels: { 'com.docker.compose.project': 'other' } }]);

  it('gives the anonymous volumes of the project\'s containers', async () => {
    const r = emptyResolution();
    await composeAnonymous(COMPOSE_RM, inv(), inputs(engine), r, loads());
    expect(r.anonymousVolumes).toEqual([A, B]);
  });

  it('only those of the services named', async () => {
    const r = emptyResolution();
    await composeAnonymous(COMPOSE_RM, inv(['db']), inputs(engine), r, loads());
    expect(r.anonymousVolumes).toEqual([B]);
  });

  it('marks it harmless when the project\'s containers have none', async () => {
    const r = emptyResolution();
    await composeAnonymous(COMPOSE_RM, inv(['ghost']), inputs(engine), r, loads());
    expect(r.harmless).toEqual(['compose-rm-volumes']);
    expect(r.notes.at(-1)).toBe('the engine shows no anonymous volumes on project shop\'s containers: `compose rm --volumes` deletes no volume');
  });

  it('asks nothing when the project did not resolve cleanly', async () => {
    const r = emptyResolution();
    await composeAnonymous(COMPOSE_RM, inv(['ghost']), inputs(engine), r, loads('the file does not load'));
    expect(r.harmless).toEqual([]);
    expect(r.anonymousVolumes).toEqual([]);
  });

  it('leaves the operation as it is when the engine cannot be asked', async () => {
    const r = emptyResolution();
    await composeAnonymous(COMPOSE_RM, inv(), inputs(unreachable), r, loads());
    expect(r.harmless).toEqual([]);
    expect(r.notes.at(-1)).toMatch(new RegExp(`^${UNASKED_ANONYMOUS}`));
  });
});
