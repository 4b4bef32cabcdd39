// Which services a compose command acts on: profiles, services named, dependencies (2.29+).
import { describe, expect, it } from 'vitest';
import type { ComposeInvocation } from '../../src/grammar/command.js';
import { actedOn, enabledServices, fileModeVolumes, withDependencies } from '../../src/project/compose-services.js';
import { rulesFor } from '../../src/project/compose-rules.js';
import type { ProjectModel, ServiceModel } from '../../src/project/load.js';

const svc = (name: string, o: Partial<ServiceModel> = {}): ServiceModel => ({ name, profiles: [], mounts: [], dependencies: [], ...o });
const vol = (key: string) => ({ type: 'volume' as const, source: key, target: `/${key}` });

const project = (generation: 'v1' | 'v2' = 'v2', env: Record<string, string> = {}): ProjectModel => ({
  generation, name: 'shop', workingDir: '/srv/shop', files: ['/srv/shop/compose.yaml'], env,
  services: [
    svc('web', { dependencies: ['api'], mounts: [vol('static')] }),
    svc('api', { dependencies: ['db'] }),
    svc('db', { mounts: [vol('pg'), { type: 'volume', target: '/anon' }] }),
    svc('debug', { profiles: ['dev'], mounts: [vol('pg')] }),
    svc('backup', { profiles: ['ops', 'dev'], mounts: [vol('dumps')] }),
  ],
  volumes: [
    { key: 'static', name: 'shop_static', external: false, explicitName: false },
    { key: 'pg', name: 'shop_pg', external: false, explicitName: false },
    { key: 'dumps', name: 'shop_dumps', external: false, explicitName: false },
    { key: 'unused', name: 'shop_unused', external: false, explicitName: false },
    { key: 'shared', name: 'shared', external: true, explicitName: true },
  ],
});
const inv = (o: Partial<ComposeInvocation> = {}): ComposeInvocation => ({ generation: 'v2', subcommand: 'down', files: [], envFiles: [], profiles: [], services: [], allResources: false, ...o });
const sorted = (s: Set<string>) => [...s].sort();

describe('enabledServices', () => {
  it.each<[string, Partial<ComposeInvocation>, Record<string, string>, string[]]>([
    ['no profile active', {}, {}, ['api', 'db', 'web']],
    ['--profile dev', { profiles: ['dev'] }, {}, ['api', 'backup', 'db', 'debug', 'web']],
    ['--profile ops', { profiles: ['ops'] }, {}, ['api', 'backup', 'db', 'web']],
    ['COMPOSE_PROFILES', {}, { COMPOSE_PROFILES: ' ops , ' }, ['api', 'backup', 'db', 'web']],
    ['--profile wins over COMPOSE_PROFILES', { profiles: ['none'] }, { COMPOSE_PROFILES: 'dev' }, ['api', 'db', 'web']],
    ['--profile "*"', { profiles: ['*'] }, {}, ['api', 'backup', 'db', 'debug', 'web']],
    ['a named service activates all its profiles', { services: ['backup'] }, {}, ['api', 'backup', 'db', 'debug', 'web']],
  ])('%s', (_, o, env, expected) => {
    expect(sorted(enabledServices(project('v2', env), inv(o)))).toEqual(expected);
  });

  it('v1 has no profiles: every service', () => {
    expect(enabledServices(project('v1'), inv({ generation: 'v1' })).size).toBe(5);
  });
});

describe('withDependencies', () => {
  it('follows dependencies transitively, once each, and keeps unknown names', () => {
    expect(sorted(withDependencies(project(), ['web']))).toEqual(['api', 'db', 'web']);
    expect(sorted(withDependencies(project(), ['db', 'ghost']))).toEqual(['db', 'ghost']);
  });

  it('ends on a dependency cycle', () => {
    const cyclic = { ...project(), services: [svc('a', { dependencies: ['b'] }), svc('b', { dependencies: ['a'] })] };
    expect(sorted(withDependencies(cyclic, ['a']))).toEqual(['a', 'b']);
  });
});

describe('actedOn', () => {
  it('before 2.29, `down -v SERVICE` acts on every enabled service', () => {
    expect(sorted(actedOn(project(), inv({ services: ['api'] }), rulesFor('2.26.1')))).toEqual(['api', 'db', 'web']);
  });

  it('from 2.29, only the named services and their dependencies', () => {
    expect(sorted(actedOn(project(), inv({ services: ['api'] }), rulesFor('2.40.3')))).toEqual(['api', 'db']);
  });

  it('with no service named, every enabled one, whatever the version', () => {
    expect(sorted(actedOn(project(), inv(), rulesFor('2.40.3')))).toEqual(['api', 'db', 'web']);
    expect(sorted(actedOn(project(), inv(), undefined))).toEqual(['api', 'db', 'web']);
  });
});

describe('fileModeVolumes', () => {
  it('v2: the non-external volumes the acting services use', () => {
    const found = fileModeVolumes(project(), inv(), new Set(['db', 'web']));
    expect(found).toEqual([
      { name: 'shop_static', key: 'static', services: ['web'], reason: 'declared and used by web' },
      { name: 'shop_pg', key: 'pg', services: ['db'], reason: 'declared and used by db' },
    ]);
  });

  it('v2 --all-resources and v1: every declared non-external volume', () => {
    for (const p of [fileModeVolumes(project(), inv({ allResources: true }), new Set(['db'])), fileModeVolumes(project('v1'), inv({ generation: 'v1' }), new Set(['db']))]) {
      expect(p.map((v) => v.name)).toEqual(['shop_static', 'shop_pg', 'shop_dumps', 'shop_unused']);
      expect(p.find((v) => v.name === 'shop_unused')?.reason).toBe('declared in the compose file');
    }
  });
});
