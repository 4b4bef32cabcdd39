// `allow-once --list` and `--revoke`: the caller's own permits, as text or JSON lines.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listPermits, revokePermit } from '../../../src/cli/commands/permits-list.js';
import { permitStore } from '../../../src/cli/store.js';
import { testIo } from '../../helpers/cli-io.js';

const NOW = new Date('2026-11-24T12:00:00Z');

function setUp() {
  const home = mkdtempSync(path.join(tmpdir(), 'cg-permits-list-'));
  const made = testIo({ argv: [], cwd: home, env: { HOME: home }, now: () => NOW, user: { name: 'ann', uid: process.getuid?.() ?? 1000, home } });
  return { ...made, home };
}

const fields = (argv: string[], project: string | null) => ({
  host: 'db1', target: { context: 'prod', endpoint: 'tcp://prod:2376' }, tool: 'docker', argv, project, cwd: '/srv/shop', reason: 'restore test', issuedBy: 'ann',
});

describe('listPermits', () => {
  it('says where it looked when there are none', () => {
    const { io, captured, home } = setUp();
    expect(listPermits(io, false)).toBe(0);
    expect(captured.stdout).toBe(`no permits in ${path.join(home, '.local/state/compose-guard/permits')}\n`);
  });

  it('lists each permit with its command, place, daemon, expiry and reason', () => {
    const { io, captured } = setUp();
    const p = permitStore(io).issue(fields(['compose', 'down', '-v'], 'shop'), 10, NOW);
    expect(listPermits(io, false)).toBe(0);
    expect(captured.stdout).toBe(`${p.id}  valid  docker compose down -v (project shop) in /srv/shop, daemon prod (tcp://prod:2376), until 2026-11-24T12:10:00.000Z: restore test\n`);
  });

  it('quotes arguments as a shell would read them', () => {
    const { io, captured } = setUp();
    permitStore(io).issue(fields(['volume', 'rm', 'my vol'], null), 10, NOW);
    listPermits(io, false);
    expect(captured.stdout).toContain("docker volume rm 'my vol' in /srv/shop");
  });

  it('shows a permit that cannot be honoured, and why', () => {
    const { io, captured } = setUp();
    const p = permitStore(io).issue(fields(['compose', 'down', '-v'], 'shop'), 10, NOW);
    const later = { ...io, now: () => new Date('2026-11-24T13:00:00Z') };
    listPermits(later, false);
    expect(captured.stdout).toMatch(new RegExp(`^${p.id} {2}NOT HONOURED \\(expired\\) {2}docker`));
  });

  it('writes one JSON object per permit with --json', () => {
    const { io, captured } = setUp();
    const p = permitStore(io).issue(fields(['compose', 'down', '-v'], 'shop'), 10, NOW);
    writeFileSync(path.join(permitStore(io).dir, 'abcdef012345.json'), 'not json');
    expect(listPermits(io, true)).toBe(0);
    const lines = captured.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toContainEqual({ id: p.id, valid: true, problem: null, permit: p });
    expect(lines.find((l) => l.id === 'abcdef012345')).toMatchObject({ valid: false, permit: null });
  });
});

describe('revokePermit', () => {
  it('withdraws a permit of the caller\'s, once', () => {
    const { io, captured } = setUp();
    const p = permitStore(io).issue(fields(['compose', 'down', '-v'], 'shop'), 10, NOW);
    expect(revokePermit(io, p.id)).toBe(0);
    expect(captured.stderr).toBe(`compose-guard: permit ${p.id} withdrawn\n`);
    expect(revokePermit(io, p.id)).toBe(1);
    expect(captured.stderr).toContain(`compose-guard: no permit ${p.id} of yours`);
    expect(permitStore(io).list(NOW)).toEqual([]);
  });

  it('refuses an id that is not a permit\'s', () => {
    const { io } = setUp();
    expect(revokePermit(io, '../../etc/passwd')).toBe(1);
  });
});
