// Whether the host policy on its own holds a command back: only root's permit lifts that.
import { describe, expect, it } from 'vitest';
import { hostHold } from '../../src/policy/host-hold.js';
import { environmentTags } from '../../src/policy/tags.js';
import type { Policy } from '../../src/policy/policy.js';
import type { DaemonTarget } from '../../src/daemon/target.js';
import { emptyResolution, type Resolution } from '../../src/project/volumes.js';
import { policyOf } from '../helpers/policy.js';

const LOCAL: DaemonTarget = { context: 'default', endpoint: 'unix:///var/run/docker.sock', source: 'default' };
const volumes = (...names: string[]): Resolution => ({ ...emptyResolution(), volumes: names.map((name) => ({ name, services: [], reason: 'r' })) });

function hold(policy: Policy, resolution: Resolution = volumes('shop_db'), target: DaemonTarget = LOCAL, destructive = true) {
  return hostHold(policy, environmentTags(policy, 'db-prod-1', target), resolution, destructive);
}

describe('hostHold', () => {
  it('is nothing without a host file, whatever the others say', () => {
    expect(hold(policyOf(['user', 'environment: production\nprotect: ["*"]']))).toBeNull();
  });

  it.each([
    ['environment: production', 'block', 'production'],
    ['environment: staging\nrules:\n  staging: confirm', 'confirm', 'staging'],
    ['hosts:\n  "db-prod-*": production', 'block', 'production'],
    ['targets:\n  "unix://*": production', 'block', 'production'],
  ])('holds for a host tag that blocks or confirms: %s', (text, outcome, tag) => {
    expect(hold(policyOf(['host', text]))).toMatch(new RegExp(`^the host policy sets ${outcome} for "${tag}" \\(`));
  });

  it.each(['environment: ci', 'environment: dev', ''])('does not hold for %j', (text) => {
    expect(hold(policyOf(['host', text]))).toBeNull();
  });

  it('ignores tags other files set (the user lifts those)', () => {
    expect(hold(policyOf(['host', 'environment: ci'], ['user', 'environment: production']))).toBeNull();
  });

  it('reads the host file\'s own rules only', () => {
    // The user file makes ci stricter; the host file alone allows it.
    expect(hold(policyOf(['host', 'environment: ci'], ['env', 'rules:\n  ci: block']))).toBeNull();
  });

  it('holds a protected volume, naming it', () => {
    expect(hold(policyOf(['host', 'protect: ["*_db"]']), volumes('shop_cache', 'shop_db'))).toBe('the host policy protects shop_db');
    expect(hold(policyOf(['host', 'protect: ["*_db"]']), volumes('shop_cache'))).toBeNull();
  });

  it('holds a destructive command whose volumes cannot be named when the host protects any', () => {
    const unsure = { ...volumes(), uncertainties: ['the project does not load'] };
    expect(hold(policyOf(['host', 'protect: ["*_db"]']), unsure)).toBe('the host policy protects volumes that cannot be named here');
    expect(hold(policyOf(['host', 'protect: ["*_db"]']), unsure, LOCAL, false)).toBeNull();
    expect(hold(policyOf(['host', '']), unsure)).toBeNull();
  });

  it('holds for a host `targets:` tag when the daemon addressed cannot be worked out', () => {
    const unknown: DaemonTarget = { context: 'unknown', source: 'unknown', unknown: 'the .env could not be read' };
    expect(hold(policyOf(['host', 'targets:\n  "tcp://prod*": production']), volumes('shop_db'), unknown)).toMatch(/^the host policy sets block for "production"/);
  });
});
