// When a permitted destroy is snapshotted first, and where the snapshots go.
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../src/policy/decide.js';
import { parsePolicyFile, type PolicySource } from '../../src/policy/file.js';
import type { Policy } from '../../src/policy/policy.js';
import { DEFAULT_KEEP, ROOT_SNAPSHOT_DIR, snapshotNeed, snapshotPlace } from '../../src/policy/snapshots.js';

function policy(...files: Array<[PolicySource, string]>): Policy {
  return { files: files.map(([source, text], i) => parsePolicyFile(text, `/p${i}.yaml`, source)), errors: [] };
}

const go = (overrides: Partial<Decision> = {}): Decision => ({
  verdict: 'allow', destructive: true, outcome: 'block', reasons: [], notify: true, protectedVolumes: [], usesPermit: false, decidingTag: null, alternatives: [], hostHold: null, ...overrides,
});
const tags = (...names: string[]) => names.map((tag) => ({ tag, from: 'test' }));

describe('snapshotNeed', () => {
  it.each([
    ['allow-once on production', policy(), tags('production'), go({ usesPermit: true }), undefined, true, /final snapshot/],
    ['allow-once --no-snapshot on production', policy(), tags('production'), go({ usesPermit: true }), { id: 'p1', noSnapshot: true }, false, /--no-snapshot \(p1\)/],
    ['a staging confirmation listed in before', policy(['host', 'snapshots:\n  before: [staging]\n']), tags('staging'), go({ outcome: 'confirm' }), undefined, true, /lists staging/],
    ['a ci reset, not listed', policy(['host', 'snapshots:\n  before: [production]\n']), tags('ci'), go({ outcome: 'allow' }), undefined, false, /asks for no snapshot/],
    ['a ci reset listed by the user file', policy(['user', 'snapshots:\n  before: [ci]\n']), tags('ci'), go({ outcome: 'allow' }), undefined, true, /lists ci/],
    ['a stopped command', policy(['host', 'snapshots:\n  before: [production]\n']), tags('production'), go({ verdict: 'block' }), undefined, false, /nothing/],
    ['a command that destroys nothing', policy(['host', 'snapshots:\n  before: [production]\n']), tags('production'), go({ destructive: false }), undefined, false, /nothing/],
    ['no tags at all', policy(), [], go({ outcome: 'soft' }), undefined, false, /asks for no snapshot/],
  ] as const)('%s', (_name, p, t, decision, permit, wanted, why) => {
    const need = snapshotNeed(p, [...t], decision, permit);
    expect(need.wanted).toBe(wanted);
    expect(need.why).toMatch(why);
  });
});

describe('snapshotPlace', () => {
  it('defaults: /var/backups for root, the state folder for others, keep 5', () => {
    expect(snapshotPlace(policy(), { HOME: '/home/a' }, 0)).toEqual({ dir: ROOT_SNAPSHOT_DIR, keep: DEFAULT_KEEP });
    expect(snapshotPlace(policy(), { HOME: '/home/a' }, 1000).dir).toBe('/home/a/.local/state/compose-guard/snapshots');
    expect(snapshotPlace(policy(), { HOME: '/home/a', XDG_STATE_HOME: '/st' }, 1000).dir).toBe('/st/compose-guard/snapshots');
  });

  it('the host file names the place first; the largest keep wins', () => {
    const p = policy(['user', 'snapshots:\n  dir: /u\n  keep: 9\n'], ['host', 'snapshots:\n  dir: /h\n  keep: 3\n  repository: /r\n  password-file: /pw\n']);
    expect(snapshotPlace(p, {}, 0)).toEqual({ dir: '/h', keep: 9, repository: { url: '/r', passwordFile: '/pw', options: [] } });
  });

  it('the repository comes with its environment file, from the same file as its URL', () => {
    const p = policy(['user', 'snapshots:\n  repository: /u\n  environment-file: /u.env\n'], ['host', 'snapshots:\n  repository: s3:https://s3.example/b\n  environment-file: /etc/cg/restic.env\n']);
    expect(snapshotPlace(p, {}, 0).repository).toEqual({ url: 's3:https://s3.example/b', environmentFile: '/etc/cg/restic.env', options: [] });
  });
});
