// The judge's own guarantees: every path ends in decide() with the whole policy; a step that
// throws or runs out of time leaves a doubt, never a rule of its own. (How the readings combine:
// judge-readings.test.ts.)
import { describe, expect, it } from 'vitest';
import type { Engine } from '../src/daemon/engine.js';
import { judge, permitRequest, type JudgeInputs } from '../src/judge.js';
import type { PolicyFs } from '../src/policy/policy.js';
import type { PermitRequest } from '../src/policy/permits.js';
import { memoryFs } from './helpers/memory-fs.js';
import { memoryEngine } from './helpers/memory-engine.js';

const COMPOSE = 'services:\n  db:\n    image: pg\n    volumes: [data:/d]\nvolumes:\n  data: {}\n';

function inputs(policy: string, o: Partial<JudgeInputs> = {}, files: Record<string, string> = {}): JudgeInputs {
  return {
    tool: 'docker', argv: ['compose', 'down', '-v'], env: { HOME: '/home/x', COMPOSE_GUARD_POLICY: '/p/policy.yaml' }, cwd: '/srv/shop',
    hostname: 'db-1', now: new Date('2026-01-01T00:00:00Z'), interactive: false,
    fs: memoryFs({ '/srv/shop/compose.yaml': COMPOSE, '/p/policy.yaml': policy, ...files }), connect: () => undefined,
    // Generous: a cold first judgement on a loaded machine must not meet the deadline by accident.
    deadlineMs: 20_000, ...o,
  };
}

const hung: Engine = { volumes: () => new Promise(() => undefined), containers: () => new Promise(() => undefined) };

describe('judge', () => {
  it('resolves, tags and decides', async () => {
    const j = await judge(inputs('environment: production\n'));
    expect(j.decision.verdict).toBe('block');
    expect(j.resolution.volumes.map((v) => v.name)).toEqual(['shop_data']);
    expect(j.tags.map((t) => t.tag)).toEqual(['production']);
    expect(j.target).toMatchObject({ context: 'default', source: 'default' });
    expect(j.decision.alternatives.length).toBeGreaterThan(0);
  });

  it('does not resolve or look for permits for a command that destroys nothing', async () => {
    const asked: PermitRequest[] = [];
    const j = await judge(inputs('environment: production\n', { argv: ['compose', 'ps'], permits: { find: (r) => { asked.push(r); return undefined; } } }));
    expect(j.decision.verdict).toBe('allow');
    expect(j.resolution.project).toBeNull();
    expect(asked).toEqual([]);
  });

  it('stops in time when the engine never answers a name-mode question, with the deadline as the reason', async () => {
    const started = performance.now();
    const j = await judge(inputs('environment: production\n', { argv: ['compose', '-p', 'shop', 'down', '-v'], connect: () => hung, deadlineMs: 300 }));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(j.decision.verdict).toBe('block');
    expect(j.resolution.uncertainties).toEqual(['compose-guard could not finish judging within 300 ms']);
  });

  it('reads no file once the deadline has passed on its clock', async () => {
    let t = 0;
    const j = await judge(inputs('environment: ci\n', { clock: () => (t += 10_000), deadlineMs: 15_000 }));
    expect(j.resolution.uncertainties.join('\n')).toMatch(/was not read: the time for judging ran out/);
  });

  it('turns a policy that cannot be read into a policy error, and stops', async () => {
    const failing: PolicyFs = { ...memoryFs({ '/srv/shop/compose.yaml': COMPOSE }), mode: () => { throw new Error('disk on fire'); } };
    const j = await judge(inputs('', { fs: failing }));
    expect(j.policy.errors.length).toBeGreaterThan(0);
    expect(j.policy.errors.every((e) => e.includes('disk on fire'))).toBe(true);
    expect(j.decision.verdict).toBe('block');
  });

  it('turns an engine client that throws into a doubt about what is destroyed', async () => {
    const j = await judge(inputs('environment: ci\n', { connect: () => { throw new Error('socket exploded'); } }));
    expect(j.resolution.uncertainties).toEqual(['what it would destroy could not be worked out (socket exploded)']);
  });

  it('goes on when Compose cannot be detected, and when a permit lookup throws', async () => {
    const j = await judge(inputs('environment: production\n', { compose: () => { throw new Error('no compose'); }, permits: { find: () => { throw new Error('permits broke'); } } }));
    expect(j.decision.verdict).toBe('block');
    expect(j.compose).toBeUndefined();
    expect(j.permit).toBeUndefined();
  });

  it('takes the Compose release a detector answers later', async () => {
    const release = { generation: 'v2' as const, version: '2.40.3', how: 'asked' as const, plugin: true, binary: '/x' };
    const j = await judge(inputs('environment: production\n', { compose: () => Promise.resolve(release) }));
    expect(j.compose).toEqual(release);
    expect(j.resolution.volumes.map((v) => v.name)).toEqual(['shop_data']);
  });

  it('builds one engine client when the Compose version arrives late, and asks it for the volume list once', async () => {
    const release = { generation: 'v2' as const, version: '2.40.3', how: 'asked' as const, plugin: true, binary: '/x' };
    let clients = 0;
    let lists = 0;
    const connect = () => {
      clients++;
      let list: Promise<{ Name: string; Labels: null }[]> | undefined;
      // As the real client: the unfiltered list is asked for once per client.
      return { volumes: () => (list ??= (lists++, Promise.resolve([{ Name: 'shop_data', Labels: null }]))), containers: () => Promise.resolve([]) };
    };
    // Resolved twice: by every version's rules while the version is asked, then by 2.40.3's.
    const j = await judge(inputs('environment: production\n', { compose: () => Promise.resolve(release), connect }));
    expect(j.compose).toEqual(release);
    expect(j.resolution.volumes).toMatchObject([{ name: 'shop_data', exists: true }]);
    expect([clients, lists]).toEqual([1, 1]);
  });

  it('turns an engine client that cannot be built into the same doubt when the Compose version arrives late', async () => {
    const release = { generation: 'v2' as const, version: '2.26.1', how: 'asked' as const, plugin: true, binary: '/x' };
    const j = await judge(inputs('environment: ci\n', { compose: () => Promise.resolve(release), connect: () => { throw new Error('socket exploded'); } }));
    expect(j.resolution.uncertainties).toEqual(['what it would destroy could not be worked out (socket exploded)']);
    expect(j.engine).toBeUndefined();
  });

  it('hands the permit store the exact request, and honours the permit it finds', async () => {
    const asked: PermitRequest[] = [];
    const permit = { version: 1 as const, id: 'p', reason: 'r', issuedBy: 'x', uid: 1000, issuedAt: '', expiresAt: '', host: '', target: { context: '', endpoint: null }, tool: '', argv: [], project: null, cwd: '' };
    const j = await judge(inputs('environment: production\n', { permits: { find: (r) => { asked.push(r); return permit; } } }));
    expect(asked).toEqual([{ host: 'db-1', target: { context: 'default', endpoint: 'unix:///var/run/docker.sock' }, tool: 'docker', argv: ['compose', 'down', '-v'], project: 'shop', cwd: '/srv/shop' }]);
    expect(j.permit).toBe(permit);
    expect(j.decision.verdict).toBe('allow');
    expect(j.decision.usesPermit).toBe(true);
  });

  it('lets the engine request go out before it reads the compose files (their parsing blocks the event loop)', async () => {
    let turned = false;
    const seenAtRead: boolean[] = [];
    const engine: Engine = {
      volumes: () => {
        // What a real connection needs: one turn of the event loop to open and write the request.
        setImmediate(() => { turned = true; });
        return Promise.resolve([{ Name: 'shop_data', Labels: null }]);
      },
      containers: () => Promise.resolve([]),
    };
    const files = memoryFs({ '/srv/shop/compose.yaml': COMPOSE, '/p/policy.yaml': 'environment: production\n' });
    const fs: PolicyFs = { ...files, read: (file) => { if (file.endsWith('compose.yaml')) seenAtRead.push(turned); return files.read(file); } };
    const j = await judge(inputs('', { fs, connect: () => engine }));
    expect(j.resolution.volumes).toMatchObject([{ name: 'shop_data', exists: true }]);
    expect(seenAtRead.length).toBeGreaterThan(0);
    expect(seenAtRead.every(Boolean)).toBe(true);
  });

  it('asks the engine it is given', async () => {
    const j = await judge(inputs('environment: production\n', { argv: ['volume', 'rm', 'shop_data'], connect: () => memoryEngine([{ Name: 'shop_data', Labels: null }]) }));
    expect(j.resolution.volumes).toMatchObject([{ name: 'shop_data', exists: true }]);
  });
});

describe('permitRequest', () => {
  it('binds host, daemon, tool, exact argv, project and folder', () => {
    const j = { tool: 'docker' as const, argv: ['rm', '-v', 'x'], operations: [], uncertainties: [], notes: [], target: {} };
    expect(permitRequest({ hostname: 'h', cwd: '/c' }, { context: 'prod', source: '--context' }, j, { project: null, volumes: [], anonymousVolumes: [], uncertainties: [], notes: [], harmless: [] }))
      .toEqual({ host: 'h', target: { context: 'prod', endpoint: null }, tool: 'docker', argv: ['rm', '-v', 'x'], project: null, cwd: '/c' });
  });
});
