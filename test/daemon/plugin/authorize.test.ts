import { describe, expect, it } from 'vitest';
import type { Engine, EngineContainer } from '../../../src/daemon/engine.js';
import { EngineUnreachable } from '../../../src/daemon/engine.js';
import { authorize, type AuthzContext } from '../../../src/daemon/plugin/authorize.js';
import { GrantStore } from '../../../src/daemon/plugin/grants.js';
import type { PolicyFs } from '../../../src/policy/policy.js';

const ANON = 'a'.repeat(64);

function policyFs(text: string | undefined): PolicyFs {
  const files: Record<string, string> = text === undefined ? {} : { '/policy.yaml': text };
  return { read: (f) => files[f], isFile: (f) => f in files, mode: (f) => (f in files ? 0o100644 : undefined) };
}

const containers: EngineContainer[] = [
  { Id: `1${'0'.repeat(63)}`, Names: ['/web'], Labels: {}, Mounts: [{ Type: 'volume', Name: ANON, Destination: '/cache' }, { Type: 'volume', Name: 'huangpu_postgres', Destination: '/data' }] },
  { Id: `2${'0'.repeat(63)}`, Names: ['/webapp'], Labels: {}, Mounts: [{ Type: 'bind', Destination: '/x' }] },
];

const engine: Engine = {
  async volumes(filters) {
    return filters?.dangling ? [{ Name: 'old_data', Labels: null }] : [];
  },
  async containers(filters) {
    const [key, values] = Object.entries(filters ?? {})[0] ?? ['', ['']];
    const pattern = new RegExp(values[0] ?? '');
    return containers.filter((c) => (key === 'id' ? pattern.test(c.Id) : c.Names.some((n) => pattern.test(n))));
  },
};

const down: Engine = {
  volumes: () => Promise.reject(new EngineUnreachable('no answer')),
  containers: () => Promise.reject(new EngineUnreachable('no answer')),
};

function context(policy: string | undefined, over: Partial<AuthzContext> = {}): AuthzContext {
  return {
    env: { COMPOSE_GUARD_POLICY: '/policy.yaml', HOME: '/nonexistent' },
    hostname: 'db-1',
    target: { context: 'default', endpoint: 'unix:///var/run/docker.sock', source: 'default' },
    engine,
    grants: new GrantStore(() => 0),
    fs: policyFs(policy),
    ...over,
  };
}

const grant = (ctx: AuthzContext, over: { volumes?: string[]; containers?: string[]; prune?: boolean }) =>
  ctx.grants.add({ volumes: [], containers: [], prune: false, seconds: 10, argv: ['docker'], user: 'ops', ...over });

describe('authorize', () => {
  it('refuses a volume deletion on a production host, naming compose-guard, the volume and the way through', async () => {
    const answer = await authorize('DELETE', '/v1.41/volumes/huangpu_postgres', context('environment: production'));
    expect(answer.allow).toBe(false);
    expect(answer.msg).toMatch(/^compose-guard refused DELETE \/volumes\/huangpu_postgres: it would destroy volume huangpu_postgres/);
    expect(answer.msg).toContain('compose-guard allow-once --reason "why" -- docker volume rm huangpu_postgres');
  });

  it('allows everyday requests without reading the policy', async () => {
    const ctx = context(undefined, { fs: { read: () => { throw new Error('read'); }, isFile: () => false, mode: () => { throw new Error('stat'); } } });
    expect(await authorize('GET', '/v1.41/containers/json', ctx)).toEqual({ allow: true });
    expect(await authorize('POST', '/v1.41/containers/create', ctx)).toEqual({ allow: true });
  });

  it.each([
    ['environment: ci', true], ['', true], ['environment: staging', true], ['environment: staging\nrules: {staging: confirm}', false], ['environment: production', false],
    ['environment: ci\nprotect: ["*_postgres"]', false], ['hosts: {"db-*": production}', false],
    ['targets: {"unix:///var/run/*": production}', false], ['environment: [broken', false],
  ])('policy %j: allowed %s', async (policy, allowed) => {
    expect((await authorize('DELETE', '/volumes/huangpu_postgres', context(policy))).allow).toBe(allowed);
  });

  it('lets a granted volume through once', async () => {
    const ctx = context('environment: production');
    grant(ctx, { volumes: ['huangpu_postgres'] });
    const first = await authorize('DELETE', '/volumes/huangpu_postgres', ctx);
    expect(first.allow).toBe(true);
    expect(first.judged?.grant).toBeDefined();
    expect((await authorize('DELETE', '/volumes/huangpu_postgres', ctx)).allow).toBe(false);
  });

  it('judges a prune by the volumes no container uses', async () => {
    const ctx = context('environment: production');
    const refused = await authorize('POST', '/v1.41/volumes/prune', ctx);
    expect(refused.msg).toContain('volume old_data');
    grant(ctx, { volumes: ['old_data'], prune: true });
    expect((await authorize('POST', '/v1.41/volumes/prune', ctx)).allow).toBe(true);
  });

  it('judges a container removal with v=1 by its anonymous volumes', async () => {
    const ctx = context('environment: production');
    const refused = await authorize('DELETE', '/containers/web?v=1', ctx);
    expect(refused.allow).toBe(false);
    expect(refused.judged?.destruction.volumes).toEqual([ANON]);
    expect((await authorize('DELETE', '/containers/webapp?v=1', ctx)).allow).toBe(true);
    expect((await authorize('DELETE', '/containers/nosuch?v=1', ctx)).allow).toBe(true);
    expect((await authorize('DELETE', '/containers/web', ctx)).allow).toBe(true);
    expect((await authorize('DELETE', '/containers/1000?v=1', ctx)).allow).toBe(false);
    grant(ctx, { containers: ['web'] });
    expect((await authorize('DELETE', '/containers/web?v=1', ctx)).allow).toBe(true);
  });

  it('refuses on a protected host when the engine cannot be asked, even with a grant', async () => {
    const ctx = context('environment: production', { engine: down });
    grant(ctx, { containers: ['web'], prune: true, volumes: ['old_data'] });
    expect((await authorize('DELETE', '/containers/web?v=1', ctx)).allow).toBe(false);
    expect((await authorize('POST', '/volumes/prune', ctx)).allow).toBe(false);
    expect((await authorize('POST', '/volumes/prune', context('environment: ci', { engine: down }))).allow).toBe(true);
  });

  it('refuses an unreadable target on a protected host, allows it elsewhere', async () => {
    expect((await authorize('DELETE', '*', context('environment: production'))).allow).toBe(false);
    expect((await authorize('DELETE', '*', context(''))).allow).toBe(true);
  });
});

describe('authorize: grants never outlive their deletion', () => {
  it('uses up a grant for a deletion the policy allows anyway', async () => {
    const ci = context('environment: ci');
    grant(ci, { volumes: ['huangpu_postgres'] });
    expect((await authorize('DELETE', '/volumes/huangpu_postgres', ci)).judged?.grant).toBeDefined();
    expect(ci.grants.size).toBe(0);
  });
});
