// Decision tables: tag x rule x protect x target x terminal, as pure-function tests.
import { describe, expect, it } from 'vitest';
import { emptyAnalysis, type Operation } from '../../src/grammar/command.js';
import { analyzeCommand } from '../../src/grammar/analyze.js';
import { decide } from '../../src/policy/decide.js';
import { environmentTags } from '../../src/policy/tags.js';
import type { Policy } from '../../src/policy/policy.js';
import type { DaemonTarget } from '../../src/daemon/target.js';
import { emptyResolution, type Resolution } from '../../src/project/volumes.js';
import { policyOf } from '../helpers/policy.js';

const DOWN: Operation = { kind: 'compose-down-volumes', summary: 'compose down --volumes', reaches: 'named' };
const LOCAL: DaemonTarget = { context: 'default', endpoint: 'unix:///var/run/docker.sock', source: 'default' };

function command(kind: 'destructive' | 'uncertain' | 'harmless') {
  const a = emptyAnalysis('docker', ['compose', 'down', '-v']);
  if (kind === 'destructive') a.operations.push(DOWN);
  if (kind === 'uncertain') a.uncertainties.push('an option compose-guard does not know');
  return a;
}

function resolution(volumes: string[] = ['shop_postgres', 'shop_cache']): Resolution {
  return { ...emptyResolution(), project: { name: 'shop', workingDir: '/srv/shop', mode: 'file' }, volumes: volumes.map((name) => ({ name, services: [], reason: 'test' })) };
}

function run(policy: Policy, opts: { kind?: 'destructive' | 'uncertain' | 'harmless'; hostname?: string; target?: DaemonTarget; interactive?: boolean; permit?: boolean; permitByRoot?: boolean; volumes?: string[] } = {}) {
  const tags = environmentTags(policy, opts.hostname ?? 'laptop', opts.target ?? LOCAL);
  return decide(command(opts.kind ?? 'destructive'), resolution(opts.volumes), policy, { tags, interactive: opts.interactive ?? false, permit: opts.permit ?? false, permitByRoot: opts.permitByRoot });
}

describe('decide: tag x rule x terminal', () => {
  // [host policy text, interactive, verdict, notify]
  it.each([
    ['environment: production', false, 'block', true],
    ['environment: production', true, 'block', true],
    ['environment: ci', false, 'allow', false],
    ['environment: ci', true, 'allow', false],
    ['environment: staging\nrules: {staging: confirm}', true, 'confirm', false],
    ['environment: staging\nrules: {staging: confirm}', false, 'block', true],
    ['environment: staging', true, 'confirm', false], // default for other tags: ask a person
    ['environment: staging', false, 'allow', true], // ... or go ahead with a note
    ['', true, 'confirm', false], // untagged
    ['', false, 'allow', true],
    ['environment: production\nrules: {production: confirm}', false, 'block', true], // host relaxes to confirm; no terminal
    ['environment: production\nrules: {production: confirm}', true, 'confirm', false],
    ['environment: dev\nrules: {dev: allow}', true, 'allow', false],
    ['environment: ci\nrules: {ci: block}', false, 'block', true],
  ] as const)('host %j, terminal %s -> %s', (text, interactive, verdict, notify) => {
    const d = run(policyOf(['host', text]), { interactive });
    expect([d.verdict, d.notify]).toEqual([verdict, notify]);
  });

  it('harmless commands always go, even with a broken policy', () => {
    const broken: Policy = { files: [], errors: ['/p.yaml:1:1: bad'] };
    expect(run(broken, { kind: 'harmless' }).verdict).toBe('allow');
    expect(run(policyOf(['host', 'environment: production']), { kind: 'harmless' }).verdict).toBe('allow');
  });

  it('a broken policy stops destructive and uncertain commands, permit or not', () => {
    const broken: Policy = { files: [], errors: ['/p.yaml:2:1: unknown key "enviroment"'] };
    for (const kind of ['destructive', 'uncertain'] as const) {
      const d = run(broken, { kind, permit: true, interactive: true });
      expect(d.verdict).toBe('block');
      expect(d.reasons[0]).toContain('unknown key "enviroment"');
    }
  });

  it('uncertain commands: stop on production, go with a note elsewhere without asking', () => {
    expect(run(policyOf(['host', 'environment: production']), { kind: 'uncertain' }).verdict).toBe('block');
    const untagged = run(policyOf(['host', '']), { kind: 'uncertain', interactive: true });
    expect([untagged.verdict, untagged.notify]).toEqual(['allow', true]);
  });
});

describe('decide: sources combine, strictest wins', () => {
  it.each([
    [[['host', 'environment: production'], ['user', 'environment: ci']], 'block'],
    [[['host', 'environment: ci'], ['env', 'environment: production']], 'block'],
    [[['host', 'environment: production'], ['user', 'rules: {production: allow}']], 'block'], // user cannot loosen
    [[['host', 'environment: production'], ['project', 'rules: {production: allow}']], 'block'],
    [[['host', 'environment: staging'], ['env', 'rules: {staging: allow}']], 'confirm'], // cannot loosen a default either
    [[['host', 'environment: ci'], ['project', 'environment: production']], 'block'], // a project can tighten
    [[['host', 'environment: ci'], ['project', 'rules: {ci: block}']], 'block'],
    [[['host', 'environment: production\nrules: {production: confirm}'], ['user', 'rules: {production: block}']], 'block'],
  ] as const)('%j -> %s', (files, verdict) => {
    expect(run(policyOf(...(files as unknown as Array<['host', string]>)), { interactive: true }).verdict).toBe(verdict);
  });
});

describe('decide: protect', () => {
  const policy = policyOf(['host', 'environment: ci\nprotect: ["*_postgres"]']);

  it('stops a protected volume even on ci', () => {
    const d = run(policy);
    expect(d.verdict).toBe('block');
    expect(d.protectedVolumes).toEqual(['shop_postgres']);
  });

  it('lets ci reset when no protected volume is touched', () => {
    expect(run(policy, { volumes: ['shop_cache'] }).verdict).toBe('allow');
  });

  it('an allow-once permission lets a protected volume go: root\'s for a host glob', () => {
    const d = run(policy, { permit: true, permitByRoot: true });
    expect([d.verdict, d.usesPermit]).toEqual(['allow', true]);
    const user = run(policy, { permit: true });
    expect([user.verdict, user.usesPermit, user.hostHold]).toEqual(['block', false, 'the host policy protects shop_postgres']);
    const own = run(policyOf(['user', 'environment: ci\nprotect: ["*_postgres"]']), { permit: true });
    expect([own.verdict, own.usesPermit]).toEqual(['allow', true]);
  });

  it('stops when volumes cannot be named and some are protected', () => {
    const tags = environmentTags(policy, 'laptop', LOCAL);
    const unknown = { ...emptyResolution(), uncertainties: ['the engine could not be asked'] };
    expect(decide(command('destructive'), unknown, policy, { tags, interactive: false, permit: false }).verdict).toBe('block');
  });
});

describe('decide: the daemon addressed', () => {
  const fleet = policyOf(['host', 'hosts:\n  "db-prod-*": production\ntargets:\n  prod: production\n  "ssh://*prod*": production\n  "tcp://10.0.0.*:2376": staging\nrules: {staging: confirm}']);

  it.each([
    ['db-prod-3', LOCAL, 'block'],
    ['db-stage-1', LOCAL, 'confirm'],
    ['laptop', { context: 'prod', endpoint: 'ssh://deploy@db', source: '--context' }, 'block'],
    ['laptop', { context: 'default', endpoint: 'ssh://deploy@prod-db-1', source: 'DOCKER_HOST' }, 'block'],
    ['laptop', { context: 'default', endpoint: 'tcp://10.0.0.7:2376', source: '-H' }, 'confirm'],
    ['laptop', { context: 'default', endpoint: 'ssh://deploy@test-db', source: 'DOCKER_HOST' }, 'confirm'],
  ] as const)('host %s, target %j -> %s', (hostname, target, verdict) => {
    expect(run(fleet, { hostname, target, interactive: true }).verdict).toBe(verdict);
  });

  it('names where each tag came from', () => {
    const tags = environmentTags(fleet, 'db-prod-3', { context: 'prod', endpoint: 'ssh://x', source: '--context' });
    expect(tags.map((t) => t.from)).toEqual([
      'hosts "db-prod-*" in /host-0.yaml matches db-prod-3',
      'targets "prod" in /host-0.yaml matches prod',
    ]);
  });
});

describe('decide: allow-once', () => {
  it.each([
    ['environment: production', false],
    ['environment: staging\nrules: {staging: confirm}', false],
  ])('a permission lets a blocked command through on %j: root\'s for the host file, the user\'s for their own', (text, interactive) => {
    const d = run(policyOf(['host', text]), { permit: true, permitByRoot: true, interactive });
    expect([d.verdict, d.usesPermit, d.notify]).toEqual(['allow', true, true]);
    const user = run(policyOf(['host', text]), { permit: true, interactive });
    expect([user.verdict, user.usesPermit]).toEqual(['block', false]);
    expect(user.reasons.join("\n")).toMatch(/^an allow-once permit does not lift this: the host policy sets (block|confirm) for "(production|staging)" .*only a permit root issued can$/m);
    const own = run(policyOf(['host', 'rules: {staging: confirm}'], ['user', text.replace(/\nrules.*/, '')]), { permit: true, interactive });
    expect([own.verdict, own.usesPermit, own.hostHold]).toEqual(['allow', true, null]);
  });

  it('a permission is not spent where the command would go anyway', () => {
    expect(run(policyOf(['host', 'environment: ci']), { permit: true }).usesPermit).toBe(false);
  });
});

describe('decide: the deciding tag and its source', () => {
  it.each([
    ['', 'laptop', null],
    ['environment: ci', 'laptop', { tag: 'ci', from: 'environment in /host-0.yaml' }],
    // the first of the strictest wins: production (block) over ci (allow), whatever the order
    ['environment: ci\nhosts: {"db-*": production}', 'db-1', { tag: 'production', from: 'hosts "db-*" in /host-0.yaml matches db-1' }],
    ['environment: staging\nhosts: {"db-*": qa}', 'db-1', { tag: 'staging', from: 'environment in /host-0.yaml' }],
  ] as const)('%j on %s -> %j', (text, hostname, expected) => {
    expect(run(policyOf(['host', text]), { hostname }).decidingTag).toEqual(expected);
  });

  it('is named for a harmless command too (check --json reports it)', () => {
    expect(run(policyOf(['host', 'environment: production']), { kind: 'harmless' }).decidingTag?.tag).toBe('production');
  });
});

describe('decide: safe alternatives', () => {
  it('offers them for a command that destroys, none for one that does not', () => {
    const [analysis] = analyzeCommand('docker', ['compose', 'down', '-v'], {});
    const tags = environmentTags(policyOf(['host', 'environment: production']), 'laptop', LOCAL);
    const d = decide(analysis!, resolution(), policyOf(['host', 'environment: production']), { tags, interactive: false, permit: false });
    expect(d.alternatives.map((a) => a.command)).toEqual(['docker compose down', 'docker compose restart']);
    expect(run(policyOf(['host', 'environment: production']), { kind: 'harmless' }).alternatives).toEqual([]);
  });
});
