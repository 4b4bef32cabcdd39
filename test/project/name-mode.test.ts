// NAME MODE: what Compose deletes knowing only the project's name, anonymous volumes of a
// project's containers, and v1's legacy volume names.
import { describe, expect, it } from 'vitest';
import { EngineUnreachable, type Engine, type EngineContainer } from '../../src/daemon/engine.js';
import { anonymousOf, nameMode, preferLegacyNames } from '../../src/project/name-mode.js';
import type { ProjectModel } from '../../src/project/load.js';
import { emptyResolution } from '../../src/project/volumes.js';
import { memoryEngine } from '../helpers/memory-engine.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const inputs = (engine?: Engine) => ({ env: {}, cwd: '/', fs: { read: () => undefined, isFile: () => false }, engine });
const labels = (project: string, volume?: string) => ({ 'com.docker.compose.project': project, ...(volume ? { 'com.docker.compose.volume': volume } : {}) });
const ctr = (project: string, service: string, names: string[]): EngineContainer => ({
  Id: `${project}-${service}`, Names: [`/${project}-${service}-1`], Labels: { 'com.docker.compose.project': project, 'com.docker.compose.service': service },
  Mounts: names.map((Name) => ({ Type: 'volume', Name, Destination: '/d' })),
});
const engine = memoryEngine(
  [{ Name: 'shop_db', Labels: labels('shop', 'db') }, { Name: 'shop_cache', Labels: labels('shop') }, { Name: 'blog_db', Labels: labels('blog', 'db') }],
  [ctr('shop', 'web', [A, 'shop_db']), ctr('shop', 'worker', [B]), ctr('blog', 'web', ['c'.repeat(64)])],
);
const unreachable: Engine = { volumes: async () => { throw new EngineUnreachable('down'); }, containers: async () => { throw new EngineUnreachable('down'); } };

describe('nameMode', () => {
  it('takes every volume labelled for the project, and its containers\' anonymous volumes', async () => {
    const r = emptyResolution();
    await nameMode('shop', '-p without -f', true, inputs(engine), r);
    expect(r.project).toEqual({ name: 'shop', workingDir: null, mode: 'name' });
    expect(r.volumes).toEqual([
      { name: 'shop_db', key: 'db', services: [], exists: true, reason: 'labelled for project shop (-p without -f)' },
      { name: 'shop_cache', key: undefined, services: [], exists: true, reason: 'labelled for project shop (-p without -f)' },
    ]);
    expect(r.anonymousVolumes).toEqual([A, B]);
  });

  it('leaves the named volumes out when the operation reaches anonymous ones only', async () => {
    const r = emptyResolution();
    await nameMode('shop', 'why', false, inputs(engine), r);
    expect(r.volumes).toEqual([]);
    expect(r.anonymousVolumes).toEqual([A, B]);
  });

  it('without an engine, says every labelled volume would go and it cannot say which', async () => {
    const r = emptyResolution();
    await nameMode('shop', 'the files do not load', true, inputs(), r);
    expect(r.uncertainties).toEqual(['every volume labelled com.docker.compose.project=shop would go (the files do not load), and the engine could not be asked which']);
  });

  it('passes an engine that cannot answer on: in name mode the answer decides', async () => {
    await expect(nameMode('shop', 'why', true, inputs(unreachable), emptyResolution())).rejects.toBeInstanceOf(EngineUnreachable);
  });
});

describe('anonymousOf', () => {
  it('keeps to the services given, and skips names already counted', async () => {
    const r = emptyResolution();
    r.volumes.push({ name: B, services: [], reason: 'declared' });
    await anonymousOf('shop', new Set(['worker', 'web']), engine, r);
    expect(r.anonymousVolumes).toEqual([A]);
    const only = emptyResolution();
    await anonymousOf('shop', new Set(['worker']), engine, only);
    expect(only.anonymousVolumes).toEqual([B]);
  });

  it('in file mode, an engine that cannot answer only costs the detail', async () => {
    const r = emptyResolution();
    r.project = { name: 'shop', workingDir: '/srv/shop', mode: 'file' };
    await anonymousOf('shop', undefined, unreachable, r);
    expect(r.anonymousVolumes).toEqual([]);
    await anonymousOf('shop', undefined, undefined, r);
  });

  it('lets a failure that is not the engine\'s through', async () => {
    const broken: Engine = { volumes: async () => [], containers: async () => { throw new TypeError('bug'); } };
    await expect(anonymousOf('shop', undefined, broken, emptyResolution())).rejects.toThrow(TypeError);
  });
});

describe('preferLegacyNames', () => {
  const project: ProjectModel = {
    generation: 'v1', name: 'my-shop_x', workingDir: '/srv', files: [], env: {}, services: [],
    volumes: [
      { key: 'db', name: 'my-shop_x_db', external: false, explicitName: false },
      { key: 'logs', name: 'my-shop_x_logs', external: false, explicitName: false },
      { key: 'fixed', name: 'fixed', external: false, explicitName: true },
    ],
  };
  const findings = () => {
    const r = emptyResolution();
    r.volumes.push({ name: 'my-shop_x_db', key: 'db', services: [], reason: 'declared' }, { name: 'my-shop_x_logs', key: 'logs', services: [], reason: 'declared' }, { name: 'fixed', key: 'fixed', services: [], reason: 'declared' });
    return r;
  };

  it('uses the legacy name (project without - and _) where such a volume exists', async () => {
    const r = findings();
    await preferLegacyNames(project, memoryEngine([{ Name: 'myshopx_db', Labels: null }, { Name: 'myshopx_fixed', Labels: null }]), r);
    expect(r.volumes.map((v) => v.name)).toEqual(['myshopx_db', 'my-shop_x_logs', 'fixed']);
    expect(r.volumes[0]?.reason).toBe('declared; Compose v1 uses the existing legacy name');
  });

  it('changes nothing without an engine', async () => {
    const r = findings();
    await preferLegacyNames(project, undefined, r);
    expect(r.volumes.map((v) => v.name)).toEqual(['my-shop_x_db', 'my-shop_x_logs', 'fixed']);
  });
});
