// The audit line for an API request the plugin judged, in the judge's audit format.
import { describe, expect, it } from 'vitest';
import type { AuthzAnswer } from '../../../src/daemon/plugin/authorize.js';
import { pluginAuditEntry } from '../../../src/daemon/plugin/audit-line.js';
import { emptyAnalysis } from '../../../src/grammar/command.js';
import { decide } from '../../../src/policy/decide.js';
import { environmentTags } from '../../../src/policy/tags.js';
import { emptyResolution } from '../../../src/project/volumes.js';
import { policyOf } from '../../helpers/policy.js';

const target = { context: 'default', endpoint: 'unix:///var/run/docker.sock', source: 'default' };
const ctx = { time: new Date('2026-11-24T12:00:00Z'), hostname: 'db1', target };

function judged(request: NonNullable<AuthzAnswer['judged']>['request'], volumes: string[], permit = false): NonNullable<AuthzAnswer['judged']> {
  const policy = policyOf(['host', 'environment: production']);
  const analysis = emptyAnalysis('docker', []);
  analysis.operations.push({ kind: 'volume-rm', summary: 'volume rm', reaches: 'named' });
  const tags = environmentTags(policy, 'db1', target);
  const decision = decide(analysis, emptyResolution(), policy, { tags, interactive: false, permit, permitByRoot: permit });
  return { request, destruction: { volumes }, decision, tags, policy };
}

describe('pluginAuditEntry', () => {
  it('records nothing for a request that was not judged', () => {
    expect(pluginAuditEntry({ method: 'GET', uri: '/containers/json', user: '' }, { allow: true }, ctx)).toBeUndefined();
  });

  it('records a refused volume deletion as the judge records a command', () => {
    const j = judged({ kind: 'volume-rm', volume: 'shop_db' }, ['shop_db']);
    const entry = pluginAuditEntry({ method: 'DELETE', uri: '/v1.43/volumes/shop_db', user: '' }, { allow: false, judged: j }, ctx);
    expect(entry).toEqual({
      time: '2026-11-24T12:00:00.000Z', user: 'engine-api', uid: -1, sudoUser: null, sshOrigin: null, host: 'db1', cwd: '/', target,
      environment: { tags: j.tags, policyFiles: ['/host-0.yaml'] }, argv: ['engine-api', 'DELETE', '/v1.43/volumes/shop_db'], project: null,
      volumes: ['shop_db'], anonymousVolumes: 0, decision: 'block', reason: j.decision.reasons.at(-1), override: null,
    });
  });

  it('counts a container\'s volumes as anonymous, and names the TLS user', () => {
    const j = judged({ kind: 'container-rm-volumes', container: 'web' }, ['a'.repeat(64), 'b'.repeat(64)]);
    const entry = pluginAuditEntry({ method: 'DELETE', uri: '/containers/web?v=1', user: 'ann' }, { allow: false, judged: j }, ctx);
    expect(entry).toMatchObject({ user: 'ann', volumes: [], anonymousVolumes: 2 });
  });

  it('names the grant that let a request through', () => {
    const j = { ...judged({ kind: 'volume-rm', volume: 'shop_db' }, ['shop_db'], true), grant: { id: 7, expiresAt: 0, volumes: ['shop_db'], containers: [], prune: false, seconds: 30, argv: ['docker', 'volume', 'rm', 'shop_db'], user: 'ann' } };
    const entry = pluginAuditEntry({ method: 'DELETE', uri: '/volumes/shop_db', user: '' }, { allow: true, judged: j }, ctx);
    expect(entry).toMatchObject({
      decision: 'allow', reason: 'a grant from the judge covers this request',
      override: { id: 'grant-7', reason: 'granted by the judge for: docker volume rm shop_db', issuedBy: 'ann' },
    });
  });

  it('keeps at most 2048 characters of the request target', () => {
    const j = judged({ kind: 'unreadable', why: 'long' }, []);
    const entry = pluginAuditEntry({ method: 'POST', uri: `/${'x'.repeat(5000)}`, user: '' }, { allow: false, judged: j }, ctx);
    expect(entry?.argv[2]).toHaveLength(2048);
  });
});
