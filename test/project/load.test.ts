// Loading a compose project (file mode) from in-memory files: which files, which name, which
// services and volumes, and the errors Compose would stop at.
import { describe, expect, it } from 'vitest';
import type { ComposeInvocation } from '../../src/grammar/command.js';
import { loadProject, UnresolvableProject } from '../../src/project/load.js';
import { memoryFs } from '../helpers/memory-fs.js';

const BASIC = 'services:\n  db:\n    image: postgres\n    volumes: ["data:/var/lib/data", "./conf:/etc/conf", "/scratch"]\n  web:\n    image: nginx\n    profiles: [debug]\n    volumes: [{type: volume, source: logs, target: /logs}]\nvolumes:\n  data: {}\n  logs: {}\n  ext: {external: true}\n  named: {name: "custom-${TAG:-x}"}\n';

function invocation(overrides: Partial<ComposeInvocation> = {}): ComposeInvocation {
  return { generation: 'v2', subcommand: 'down', files: [], envFiles: [], profiles: [], services: [], allResources: false, ...overrides };
}

function load(files: Record<string, string>, inv: Partial<ComposeInvocation> = {}, env: Record<string, string> = {}, cwd = '/srv/shop') {
  return loadProject({ invocation: invocation(inv), env, cwd, fs: memoryFs(files) });
}

describe('loadProject', () => {
  it('finds compose.yaml, names the project after its directory, lists services and volumes', () => {
    const p = load({ '/srv/shop/compose.yaml': BASIC });
    expect([p.name, p.workingDir, p.files]).toEqual(['shop', '/srv/shop', ['/srv/shop/compose.yaml']]);
    expect(p.services.map((s) => [s.name, s.profiles, s.mounts.map((m) => `${m.type}:${m.source ?? ''}`)])).toEqual([
      ['db', [], ['volume:data', 'bind:./conf', 'volume:']],
      ['web', ['debug'], ['volume:logs']],
    ]);
    expect(p.volumes).toEqual([
      { key: 'data', name: 'shop_data', external: false, explicitName: false },
      { key: 'logs', name: 'shop_logs', external: false, explicitName: false },
      { key: 'ext', name: 'ext', external: true, explicitName: false },
      { key: 'named', name: 'custom-x', external: false, explicitName: true },
    ]);
  });

  it.each([
    // [project name from, invocation, env, expected name]
    ['-p', { projectName: 'given' }, {}, 'given'],
    ['COMPOSE_PROJECT_NAME', {}, { COMPOSE_PROJECT_NAME: 'fromenv' }, 'fromenv'],
    ['-p over the variable', { projectName: 'given' }, { COMPOSE_PROJECT_NAME: 'fromenv' }, 'given'],
  ] as const)('takes the project name from %s', (_from, inv, env, name) => {
    expect(load({ '/srv/shop/compose.yaml': BASIC }, inv, env).name).toBe(name);
  });

  it('takes the name: key (interpolated, last file wins) and normalizes a directory name', () => {
    expect(load({ '/srv/shop/compose.yaml': `name: "app-\${ENV:-dev}"\n${BASIC}` }).name).toBe('app-dev');
    expect(load({ '/srv/My.Shop/compose.yaml': BASIC }, {}, {}, '/srv/My.Shop').name).toBe('myshop');
  });

  it('reads -f files in order, relative to cwd, and merges them', () => {
    const p = load({ '/srv/shop/a.yml': BASIC, '/srv/shop/b.yml': 'volumes:\n  data: {name: renamed}\n' }, { files: ['a.yml', 'b.yml'] });
    expect(p.files).toEqual(['/srv/shop/a.yml', '/srv/shop/b.yml']);
    expect(p.volumes.find((v) => v.key === 'data')?.name).toBe('renamed');
  });

  it('reads COMPOSE_FILE with its path separator, and the .env next to the first file', () => {
    const files = { '/srv/shop/x.yml': BASIC, '/srv/shop/y.yml': 'volumes:\n  logs: {name: "l-${TAG}"}\n', '/srv/shop/.env': 'TAG=fromdotenv\n' };
    const p = load(files, {}, { COMPOSE_FILE: 'x.yml,y.yml', COMPOSE_PATH_SEPARATOR: ',' });
    expect(p.volumes.find((v) => v.key === 'logs')?.name).toBe('l-fromdotenv');
    expect(p.volumes.find((v) => v.key === 'named')?.name).toBe('custom-fromdotenv');
  });

  it('v1 names volumes with the v1 project name and rejects the name: key', () => {
    const p = load({ '/srv/My.Shop-1/docker-compose.yml': BASIC }, { generation: 'v1' }, {}, '/srv/My.Shop-1');
    expect(p.name).toBe('myshop-1');
    expect(p.volumes[0]?.name).toBe('myshop-1_data');
    expect(() => load({ '/srv/shop/docker-compose.yml': `name: x\n${BASIC}` }, { generation: 'v1' })).toThrow(/does not support the top-level name key/);
  });

  it.each<[string, Record<string, string>, Partial<ComposeInvocation>, RegExp]>([
    ['no file at all', {}, {}, /no configuration file provided/],
    ['a file on stdin', { '/srv/shop/compose.yaml': BASIC }, { files: ['-'] }, /standard input/],
    ['a remote file', { '/srv/shop/compose.yaml': BASIC }, { files: ['https://example.com/c.yml'] }, /is remote/],
    ['an invalid -p', { '/srv/shop/compose.yaml': BASIC }, { projectName: 'Bad Name' }, /invalid project name "Bad Name"/],
    ['an invalid external', { '/srv/shop/compose.yaml': 'volumes:\n  v: {external: maybe}\n' }, {}, /volumes\.v\.external: invalid boolean "maybe"/],
  ])('stops at %s', (_what, files, inv, error) => {
    expect(() => load(files, inv)).toThrow(error);
  });

  it('cannot resolve what it cannot read, and says so with its own error', () => {
    expect(() => load({}, { files: ['-'] })).toThrow(UnresolvableProject);
  });

  it('imports the services and volumes of an include, with the include\'s own .env', () => {
    const files = {
      '/srv/shop/compose.yaml': 'include: [inc/compose.yaml]\nservices:\n  app: {image: x, volumes: ["data:/d"]}\nvolumes:\n  data: {}\n',
      '/srv/shop/inc/compose.yaml': 'services:\n  cache: {image: redis, volumes: ["cache:/c"]}\nvolumes:\n  cache: {name: "c-${WHO}"}\n',
      '/srv/shop/inc/.env': 'WHO=included\n',
    };
    const p = load(files);
    expect(p.services.map((s) => s.name).sort()).toEqual(['app', 'cache']);
    expect(p.volumes.map((v) => v.name).sort()).toEqual(['c-included', 'shop_data']);
  });
});
