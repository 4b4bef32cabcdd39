// Permits on disk: what binds them, when they are honoured, and that finding one changes nothing.
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileStore, folderProblem } from '../../src/policy/permit-store.js';
import { stateDir, type PermitRequest } from '../../src/policy/permits.js';
import { ownPermitDir } from '../../src/policy/state-dir.js';

const NOW = new Date('2026-11-24T12:00:00Z');
const UID = process.getuid?.() ?? 0;
const REQUEST: PermitRequest = {
  host: 'db-prod-1', target: { context: 'default', endpoint: 'unix:///var/run/docker.sock' },
  tool: 'docker', argv: ['compose', 'down', '-v'], project: 'huangpu', cwd: '/srv/huangpu',
};

function store() {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'cg-permits-')), 'compose-guard', 'permits');
  return fileStore(dir, UID);
}

function issue(s = store(), minutes = 10) {
  return { s, permit: s.issue({ ...REQUEST, reason: 'restore', issuedBy: 'alice' }, minutes, NOW) };
}

const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

describe('permit binding', () => {
  // [what differs, the request]
  const OTHER: Array<[string, PermitRequest]> = [
    ['host', { ...REQUEST, host: 'db-prod-2' }],
    ['daemon endpoint', { ...REQUEST, target: { context: 'default', endpoint: 'ssh://deploy@prod-db-1' } }],
    ['docker context', { ...REQUEST, target: { context: 'prod', endpoint: 'unix:///var/run/docker.sock' } }],
    ['project', { ...REQUEST, project: 'other' }],
    ['working directory', { ...REQUEST, cwd: '/srv/other' }],
    ['spelling of the command', { ...REQUEST, argv: ['compose', 'down', '--volumes'] }],
    ['an extra argument', { ...REQUEST, argv: ['compose', 'down', '-v', 'x'] }],
    ['tool', { ...REQUEST, tool: 'docker-compose' }],
  ];

  it('matches the same host, daemon, project, directory and command line', () => {
    const { s, permit } = issue();
    expect(s.find(REQUEST, later(9))?.id).toBe(permit.id);
  });

  it.each(OTHER)('does not match another %s', (_what, request) => {
    const { s } = issue();
    expect(s.find(request, NOW)).toBeUndefined();
  });
});

describe('permit lifetime and use', () => {
  it('expires, and finding leaves every file where it was', () => {
    const { s, permit } = issue();
    expect(s.find(REQUEST, later(10))).toBeUndefined();
    expect(readdirSync(s.dir)).toEqual([`${permit.id}.json`]);
  });

  it('is used once: a replay finds nothing', () => {
    const { s, permit } = issue();
    expect(s.consume(permit)).toBe(true);
    expect(s.consume(permit)).toBe(false);
    expect(s.find(REQUEST, NOW)).toBeUndefined();
  });

  it('is created 0600 with O_EXCL in a 0700 folder, and lists and revokes', () => {
    const { s, permit } = issue();
    expect(s.list(NOW)).toEqual([{ id: permit.id, permit }]);
    expect(s.revoke('../../etc/passwd')).toBe(false);
    expect(s.revoke(permit.id)).toBe(true);
    expect(s.list(NOW)).toEqual([]);
  });

  it('no folder means no permit', () => {
    expect(fileStore('/nonexistent/compose-guard/permits', UID).find(REQUEST, NOW)).toBeUndefined();
  });
});

describe('forged and misplaced permits are not honoured', () => {
  function forge(mutate: (p: Record<string, unknown>) => void, mode = 0o600) {
    const { s, permit } = issue();
    const file = path.join(s.dir, `${permit.id}.json`);
    const forged: Record<string, unknown> = { ...permit };
    mutate(forged);
    writeFileSync(file, JSON.stringify(forged));
    chmodSync(file, mode);
    return { s, id: permit.id };
  }

  // [what, how, the problem listed]
  const FORGED: Array<[string, (p: Record<string, unknown>) => void, number, RegExp]> = [
    ['a lifetime over the maximum', (p) => { p.expiresAt = later(24 * 60).toISOString(); }, 0o600, /longer than the maximum of 60 minutes/],
    ['an issue time in the future', (p) => { p.issuedAt = later(30).toISOString(); p.expiresAt = later(40).toISOString(); }, 0o600, /issued in the future/],
    ['another uid inside', (p) => { p.uid = UID + 1; }, 0o600, /issued by uid/],
    ['another id inside', (p) => { p.id = 'aaaaaaaaaaaa'; }, 0o600, /not a permit/],
    ['a missing field', (p) => { delete p.target; }, 0o600, /not a permit/],
    ['mode 0644', () => undefined, 0o644, /mode 644, not 600/],
    ['mode 0400', () => undefined, 0o400, /mode 400, not 600/],
  ];

  it.each(FORGED)('%s', (_what, mutate, mode, problem) => {
    const { s, id } = forge(mutate, mode);
    expect(s.find(REQUEST, NOW)).toBeUndefined();
    expect(s.list(NOW).find((l) => l.id === id)?.problem).toMatch(problem);
  });

  it('a permit file that is a symlink (opened O_NOFOLLOW)', () => {
    const { s: real, permit } = issue();
    const s = store();
    mkdirSync(s.dir, { recursive: true, mode: 0o700 });
    symlinkSync(path.join(real.dir, `${permit.id}.json`), path.join(s.dir, `${permit.id}.json`));
    expect(s.find(REQUEST, NOW)).toBeUndefined();
    expect(s.list(NOW)[0]?.problem).toBe('a symlink');
  });

  it('a symlinked permits folder or state folder', () => {
    const { s: real } = issue();
    const base = mkdtempSync(path.join(tmpdir(), 'cg-permits-'));
    mkdirSync(path.join(base, 'compose-guard'), { mode: 0o700 });
    symlinkSync(real.dir, path.join(base, 'compose-guard', 'permits'));
    expect(fileStore(path.join(base, 'compose-guard', 'permits'), UID).find(REQUEST, NOW)).toBeUndefined();
    const base2 = mkdtempSync(path.join(tmpdir(), 'cg-permits-'));
    symlinkSync(path.dirname(real.dir), path.join(base2, 'compose-guard'));
    const linked = fileStore(path.join(base2, 'compose-guard', 'permits'), UID);
    expect(folderProblem(linked.dir, UID)).toMatch(/is a symlink/);
    expect(linked.find(REQUEST, NOW)).toBeUndefined();
    expect(() => linked.issue({ ...REQUEST, reason: 'x', issuedBy: 'x' }, 10, NOW)).toThrow(/is a symlink/);
    expect(linked.revoke('aaaaaaaaaaaa')).toBe(false);
  });

  it('a folder others can write, or that belongs to someone else', () => {
    const { s } = issue();
    chmodSync(s.dir, 0o777);
    expect(s.find(REQUEST, NOW)).toBeUndefined();
    chmodSync(s.dir, 0o700);
    expect(fileStore(s.dir, UID + 1).find(REQUEST, NOW)).toBeUndefined();
    expect(folderProblem(s.dir, UID + 1)).toMatch(/belongs to uid/);
  });
});

describe.skipIf(UID !== 0)('where root keeps permits', () => {
  it('in its own home when HOME or XDG_STATE_HOME is a user\'s (sudo -E), whatever they say', () => {
    const alice = mkdtempSync(path.join(tmpdir(), 'cg-alice-'));
    chownSync(alice, 4242, 4242);
    for (const env of [{ HOME: alice }, { HOME: '/x', XDG_STATE_HOME: path.join(alice, 'state') }, { HOME: path.join(alice, 'not', 'yet') }]) {
      expect(ownPermitDir(env, { uid: 0, home: '/root' })).toBe('/root/.local/state/compose-guard/permits');
    }
    const link = path.join(mkdtempSync(path.join(tmpdir(), 'cg-link-')), 'home');
    symlinkSync('/tmp', link);
    expect(ownPermitDir({ HOME: link }, { uid: 0, home: '/root' })).toBe('/root/.local/state/compose-guard/permits');
    expect(ownPermitDir({ HOME: '/tmp/cg-no-such-dir' }, { uid: 0, home: '/root' })).toBe('/root/.local/state/compose-guard/permits');
  });

  it('in HOME when root owns it; a user always where HOME says', () => {
    const own = mkdtempSync(path.join(tmpdir(), 'cg-roothome-'));
    expect(ownPermitDir({ HOME: own }, { uid: 0, home: '/root' })).toBe(path.join(own, '.local/state/compose-guard/permits'));
    expect(ownPermitDir({ HOME: '/home/alice', XDG_STATE_HOME: '/home/alice/.state' }, { uid: 1000, home: '/home/alice' })).toBe('/home/alice/.state/compose-guard/permits');
    expect(stateDir({ HOME: '/home/bob' })).toBe('/home/bob/.local/state/compose-guard');
  });
});
