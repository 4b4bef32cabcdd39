// The text a client shows when the plugin refuses: what was refused, why, and the way through.
import { describe, expect, it } from 'vitest';
import { emptyAnalysis } from '../../../src/grammar/command.js';
import { decide, type Decision } from '../../../src/policy/decide.js';
import { environmentTags } from '../../../src/policy/tags.js';
import { emptyResolution } from '../../../src/project/volumes.js';
import { refusalMessage, wayThroughCommand } from '../../../src/daemon/plugin/refusal.js';
import { policyOf } from '../../helpers/policy.js';

function productionDecision(): Decision {
  const policy = policyOf(['host', 'environment: production']);
  const analysis = emptyAnalysis('docker', ['volume', 'rm', 'x']);
  analysis.operations.push({ kind: 'volume-rm', summary: 'volume rm', reaches: 'named' });
  const tags = environmentTags(policy, 'h', { context: 'default', source: 'default' });
  return decide(analysis, emptyResolution(), policy, { tags, interactive: false, permit: false });
}

describe('wayThroughCommand', () => {
  it.each([
    [{ kind: 'volume-rm' as const, volume: 'shop_db' }, { volumes: ['shop_db'] }, 'docker volume rm shop_db'],
    [{ kind: 'volume-prune' as const }, { volumes: [] }, 'docker volume prune'],
    [{ kind: 'container-rm-volumes' as const, container: 'web' }, { volumes: ['a'] }, 'docker rm -v web'],
    [{ kind: 'unreadable' as const, why: 'x' }, { volumes: ['a', 'b'] }, 'docker volume rm a b'],
    [{ kind: 'unreadable' as const, why: 'x' }, { volumes: [] }, 'the command, through the compose-guard shims'],
  ])('%j -> %s', (request, destruction, command) => {
    expect(wayThroughCommand(request, destruction)).toBe(command);
  });
});

describe('refusalMessage', () => {
  const decision = productionDecision();

  it('starts with what was refused and names the volume, the reasons and the way through', () => {
    const text = refusalMessage('delete', { kind: 'volume-rm', volume: 'shop_db' }, { volumes: ['shop_db'] }, decision);
    expect(text.startsWith('compose-guard refused DELETE /volumes/shop_db: it would destroy volume shop_db (')).toBe(true);
    expect(text).toContain(decision.reasons.filter(Boolean).join('; '));
    expect(text).toContain('compose-guard allow-once --reason "why" -- docker volume rm shop_db, then docker volume rm shop_db.');
    expect(text).not.toContain('\n');
  });

  it('lists at most eight volumes and counts the rest', () => {
    const volumes = Array.from({ length: 11 }, (_, i) => `v${i}`);
    const text = refusalMessage('post', { kind: 'volume-prune' }, { volumes }, decision);
    expect(text).toContain('POST /volumes/prune: it would destroy volumes v0, v1, v2, v3, v4, v5, v6, v7 and 3 more (');
  });

  it.each([
    [{ kind: 'volume-prune' as const }, 'POST /volumes/prune: it would destroy every volume no container uses'],
    [{ kind: 'container-rm-volumes' as const, container: 'web' }, 'POST /containers/web?v=1: it may destroy volume data'],
    [{ kind: 'unreadable' as const, why: 'bad' }, 'POST (an unreadable request target): it may destroy volume data'],
  ])('says what an unnamed destruction would do: %j', (request, start) => {
    expect(refusalMessage('post', request, { volumes: [] }, decision)).toContain(start);
  });
});
