import { describe, expect, it } from 'vitest';
import { emptyAnalysis, type Operation } from '../src/command.js';
import { decide } from '../src/decide.js';
import type { Policy } from '../src/policy.js';
import { emptyResolution } from '../src/volumes.js';

const DOWN: Operation = { kind: 'compose-down-volumes', summary: 'compose down --volumes', reaches: 'named' };

function analysis(kind: 'destructive' | 'uncertain' | 'harmless') {
  const a = emptyAnalysis('docker', ['compose', 'down']);
  if (kind === 'destructive') a.operations.push(DOWN);
  if (kind === 'uncertain') a.uncertainties.push('unknown option');
  return a;
}

const policies: Record<string, Policy> = {
  production: { environment: 'production', source: '/p.yaml' },
  ci: { environment: 'ci', source: '/p.yaml' },
  staging: { environment: 'staging', source: '/p.yaml' },
  none: {},
  broken: { source: '/p.yaml', error: '/p.yaml:1:5: bad' },
};

describe('decide', () => {
  it.each([
    ['destructive', 'production', 'block', true],
    ['uncertain', 'production', 'block', true],
    ['harmless', 'production', 'allow', false],
    ['destructive', 'ci', 'allow', false],
    ['uncertain', 'ci', 'allow', false],
    ['destructive', 'staging', 'allow', true],
    ['destructive', 'none', 'allow', true],
    ['uncertain', 'none', 'allow', false],
    ['harmless', 'none', 'allow', false],
    ['destructive', 'broken', 'block', true],
    ['uncertain', 'broken', 'block', true],
    ['harmless', 'broken', 'allow', false],
  ] as const)('%s command on a %s host: %s (note %s)', (kind, policy, verdict, notify) => {
    const d = decide(analysis(kind), emptyResolution(), policies[policy]!);
    expect(d.verdict).toBe(verdict);
    expect(d.notify).toBe(notify);
  });

  it('stops on production when only the resolver is uncertain', () => {
    const resolution = { ...emptyResolution(), uncertainties: ['the compose file comes from standard input'] };
    const d = decide(analysis('destructive'), resolution, policies.production!);
    expect(d.reasons.join(' ')).toContain('standard input');
  });
});
