// The tags in effect and the one that decides, from policy text.
import { describe, expect, it } from 'vitest';
import type { DaemonTarget } from '../../src/daemon/target.js';
import { decidingTag, environmentTags, strictestOutcome } from '../../src/policy/tags.js';
import { policyOf } from '../helpers/policy.js';

const LOCAL: DaemonTarget = { context: 'default', endpoint: 'unix:///var/run/docker.sock', source: 'default' };
const REMOTE: DaemonTarget = { context: 'prod', endpoint: 'ssh://deploy@db-1', source: '--context' };

describe('environmentTags', () => {
  it.each([
    ['', 'laptop', LOCAL, []],
    ['environment: staging', 'laptop', LOCAL, ['staging']],
    ['hosts: {"db-*": production, "web-?": staging}', 'db-7', LOCAL, ['production']],
    ['hosts: {"db-*": production, "web-?": staging}', 'web-10', LOCAL, []],
    ['targets: {prod: production}', 'laptop', REMOTE, ['production']],
    ['targets: {"ssh://*db-*": production}', 'laptop', REMOTE, ['production']],
    ['targets: {"ssh://*db-*": production}', 'laptop', LOCAL, []],
    ['environment: ci\nhosts: {"*": dev}\ntargets: {prod: production}', 'x', REMOTE, ['ci', 'dev', 'production']],
  ] as const)('%j on %s -> %j', (text, hostname, target, tags) => {
    expect(environmentTags(policyOf(['host', text]), hostname, target).map((t) => t.tag)).toEqual(tags);
  });

  it('collects tags from every file in order', () => {
    const policy = policyOf(['host', 'environment: ci'], ['env', 'environment: production']);
    expect(environmentTags(policy, 'h', LOCAL)).toEqual([
      { tag: 'ci', from: 'environment in /host-0.yaml', at: '/host-0.yaml:1:14', source: 'host' },
      { tag: 'production', from: 'environment in /env-1.yaml', at: '/env-1.yaml:1:14', source: 'env' },
    ]);
  });
});

describe('decidingTag and strictestOutcome', () => {
  it.each([
    // [policy text, tags, deciding tag, outcome]
    ['', [], null, 'soft'],
    ['', ['ci'], 'ci', 'allow'],
    ['', ['ci', 'dev'], 'dev', 'soft'],
    ['', ['dev', 'qa'], 'dev', 'soft'], // equally strict: the first one
    ['', ['ci', 'production', 'staging'], 'production', 'block'],
    ['rules: {qa: confirm}', ['dev', 'qa'], 'qa', 'confirm'],
    ['rules: {production: confirm}', ['production', 'qa'], 'production', 'confirm'], // the host relaxes a default
  ] as const)('%j with %j -> %s (%s)', (text, tags, tag, outcome) => {
    const policy = policyOf(['host', text]);
    const inEffect = tags.map((t) => ({ tag: t, from: `test ${t}` }));
    const deciding = decidingTag(policy, inEffect);
    expect(deciding?.tag ?? null).toBe(tag);
    if (deciding) expect(deciding.from).toBe(`test ${tag}`);
    expect(strictestOutcome(policy, inEffect)).toBe(outcome);
  });
});
