// The effective policy spelled out for `policy show`: each tag's outcome and what decided it.
import { describe, expect, it } from 'vitest';
import { explainPolicy, explainRule } from '../../src/policy/explain.js';
import type { DaemonTarget } from '../../src/daemon/target.js';
import { policyOf } from '../helpers/policy.js';

const LOCAL: DaemonTarget = { context: 'default', endpoint: 'unix:///var/run/docker.sock', source: 'default' };

describe('explainRule', () => {
  it('is the built-in default when no host file sets the tag', () => {
    expect(explainRule(policyOf(), 'production')).toEqual({ tag: 'production', outcome: 'block', from: 'built-in default', tightenedBy: [] });
    expect(explainRule(policyOf(), 'ci')).toMatchObject({ outcome: 'allow', from: 'built-in default' });
    expect(explainRule(policyOf(), 'qa')).toMatchObject({ outcome: 'soft', from: 'built-in default for any other tag' });
  });

  it('names the host file\'s line when it sets the rule', () => {
    const rule = explainRule(policyOf(['host', 'rules:\n  production: confirm\n']), 'production');
    expect(rule).toEqual({ tag: 'production', outcome: 'confirm', from: '/host-0.yaml:2:15 (host)', tightenedBy: [] });
  });

  it('lists the other files that made it stricter, and not those that tried to loosen it', () => {
    const policy = policyOf(['host', 'rules:\n  staging: confirm\n'], ['user', 'rules:\n  staging: block\n'], ['env', 'rules:\n  staging: allow\n']);
    expect(explainRule(policy, 'staging')).toEqual({ tag: 'staging', outcome: 'block', from: '/host-0.yaml:2:12 (host)', tightenedBy: ['/user-1.yaml:2:12 (user: block)'] });
  });

  it('does not list a file that repeats the baseline', () => {
    expect(explainRule(policyOf(['user', 'rules:\n  production: block\n']), 'production').tightenedBy).toEqual([]);
  });
});

describe('explainPolicy', () => {
  const policy = policyOf(
    ['host', 'hosts:\n  "db-*": production\ntargets:\n  "ssh://*": staging\nprotect: ["*_pg"]\naudit: /var/log/cg.jsonl\n'],
    ['user', 'environment: qa\nprotect: ["*_db"]\naudit: journald\n'],
    ['env', 'audit: journald\n'],
  );

  it('spells out the tags here, the outcome, and where each setting sits', () => {
    const e = explainPolicy(policy, 'db-1', LOCAL);
    expect(e.host).toBe('db-1');
    expect(e.target).toBe(LOCAL);
    expect(e.files).toEqual([{ path: '/host-0.yaml', source: 'host' }, { path: '/user-1.yaml', source: 'user' }, { path: '/env-2.yaml', source: 'env' }]);
    expect(e.tagsHere.map((t) => t.tag)).toEqual(['production', 'qa']);
    expect(e.outcomeHere).toBe('block');
    expect(e.hosts).toEqual([{ glob: 'db-*', tag: 'production', at: '/host-0.yaml:2:11' }]);
    expect(e.targets).toEqual([{ glob: 'ssh://*', tag: 'staging', at: '/host-0.yaml:4:14' }]);
    expect(e.protect).toEqual([{ glob: '*_pg', at: '/host-0.yaml:5:11' }, { glob: '*_db', at: '/user-1.yaml:2:11' }]);
    expect(e.audit).toEqual({ file: { path: '/var/log/cg.jsonl', at: '/host-0.yaml:6:8' }, sinks: [{ sink: 'journald', at: '/user-1.yaml:3:8' }] });
    expect(e.errors).toEqual([]);
  });

  it('explains every known tag and every tag in effect here', () => {
    const tags = explainPolicy(policy, 'db-1', LOCAL).rules.map((r) => r.tag);
    expect(tags).toEqual(expect.arrayContaining(['production', 'staging', 'ci', 'qa']));
    expect(new Set(tags).size).toBe(tags.length);
  });

  it('is soft with no tag here, and keeps the policy\'s errors', () => {
    const e = explainPolicy({ ...policyOf(), errors: ['/x.yaml:1:1: broken'] }, 'laptop', LOCAL);
    expect(e.tagsHere).toEqual([]);
    expect(e.outcomeHere).toBe('soft');
    expect(e.audit).toEqual({ file: null, sinks: [] });
    expect(e.errors).toEqual(['/x.yaml:1:1: broken']);
  });
});
