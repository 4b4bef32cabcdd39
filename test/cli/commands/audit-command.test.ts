// `compose-guard audit`: the latest entries, filtered by time, decision and project.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/router.js';
import { filterAudit, parseSince, renderAuditLine } from '../../../src/cli/commands/audit-command.js';
import type { AuditEntry } from '../../../src/cli/audit.js';
import { testIo } from '../../helpers/cli-io.js';

const NOW = new Date('2026-11-24T12:00:00Z');

function entry(time: string, decision: string, project: string | null) {
  return { time, user: 'alice', uid: 1000, sudoUser: null, sshOrigin: null, host: 'h', cwd: '/', target: { context: 'default', source: 'default' },
    environment: { tags: [], policyFiles: [] }, argv: ['docker', 'compose', 'down', '-v'], project: project && { name: project, workingDir: null },
    volumes: [], anonymousVolumes: 0, decision, reason: 'r', override: null };
}

async function audit(...args: string[]) {
  const home = mkdtempSync(path.join(tmpdir(), 'cg-audit-'));
  mkdirSync(path.join(home, '.local/state/compose-guard'), { recursive: true });
  const lines = [
    entry('2026-11-23T09:00:00.000Z', 'block', 'shop'),
    entry('2026-11-24T10:30:00.000Z', 'allow', 'shop'),
    entry('2026-11-24T11:30:00.000Z', 'block', 'blog'),
    entry('2026-11-24T11:45:00.000Z', 'block', 'shop'),
  ];
  writeFileSync(path.join(home, '.local/state/compose-guard/audit.jsonl'), `${lines.map((l) => JSON.stringify(l)).join('\n')}\n{"torn`);
  const { io, captured } = testIo({ argv: ['audit', '--json', ...args], cwd: home, env: { HOME: home, COMPOSE_GUARD_POLICY: path.join(home, 'none.yaml') }, now: () => NOW });
  const status = await runCli(io);
  return { status, times: captured.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l).time.slice(0, 16)) };
}

describe('audit filters', () => {
  it.each([
    [[], ['2026-11-23T09:00', '2026-11-24T10:30', '2026-11-24T11:30', '2026-11-24T11:45']],
    [['-n', '2'], ['2026-11-24T11:30', '2026-11-24T11:45']],
    [['--since', '1h'], ['2026-11-24T11:30', '2026-11-24T11:45']],
    [['--since', '2026-11-24'], ['2026-11-24T10:30', '2026-11-24T11:30', '2026-11-24T11:45']],
    [['--since', '2026-11-24T11:40:00Z'], ['2026-11-24T11:45']],
    [['--decision', 'block'], ['2026-11-23T09:00', '2026-11-24T11:30', '2026-11-24T11:45']],
    [['--project', 'shop', '--decision', 'block'], ['2026-11-23T09:00', '2026-11-24T11:45']],
    [['--project', 'shop', '--since', '3h', '-n', '1'], ['2026-11-24T11:45']],
    [['--project', 'none'], []],
  ])('%j', async (args, times) => {
    expect(await audit(...args)).toEqual({ status: 0, times });
  });

  it('reads ages and dates, and names a bad one', () => {
    expect(parseSince('30m', NOW).toISOString()).toBe('2026-11-24T11:30:00.000Z');
    expect(parseSince('7d', NOW).toISOString()).toBe('2026-11-17T12:00:00.000Z');
    expect(() => parseSince('yesterday', NOW)).toThrow(/not "yesterday"/);
    expect(() => parseSince('2026-13-45', NOW)).toThrow(/not "2026-13-45"/);
  });
});

describe('filterAudit', () => {
  const e = (time: string, decision: string, project: string | null) => ({ time, decision, project: project && { name: project, workingDir: null } } as AuditEntry);
  const entries = [e('2026-11-24T10:00:00.000Z', 'block', 'shop'), e('2026-11-24T11:00:00.000Z', 'allow', null), e('2026-11-24T12:00:00.000Z', 'block', 'blog')];

  it('keeps entries at or after --since, with the decision and project asked for', () => {
    expect(filterAudit(entries, {})).toEqual(entries);
    expect(filterAudit(entries, { since: new Date('2026-11-24T11:00:00Z') }).map((x) => x.time.slice(11, 13))).toEqual(['11', '12']);
    expect(filterAudit(entries, { decision: 'block', project: 'blog' }).map((x) => x.project?.name)).toEqual(['blog']);
    expect(filterAudit(entries, { project: 'shop', decision: 'allow' })).toEqual([]);
  });
});

describe('renderAuditLine', () => {
  const entry = {
    time: '2026-11-24T12:00:00.000Z', user: 'root', uid: 0, sudoUser: 'ann', sshOrigin: null, host: 'db1', cwd: '/srv/shop',
    target: { context: 'default', source: 'default' }, environment: { tags: [], policyFiles: [] }, argv: ['docker', 'compose', 'down', '-v'],
    project: { name: 'shop', workingDir: '/srv/shop' }, volumes: ['shop_db', 'shop_cache'], anonymousVolumes: 0, decision: 'allow', reason: 'a permit',
    override: { id: 'abc123', reason: 'restore', issuedBy: 'root' },
  } as AuditEntry;

  it('is one line: time, host, who, decision, command, project, volumes, reason, permit', () => {
    expect(renderAuditLine(entry)).toBe('2026-11-24T12:00:00.000Z db1 ann->root ALLOW docker compose down -v (project shop) [shop_db, shop_cache]: a permit allow-once abc123: restore\n');
  });

  it('leaves out what an entry does not have', () => {
    expect(renderAuditLine({ ...entry, sudoUser: null, project: null, volumes: [], override: null, decision: 'block' }))
      .toBe('2026-11-24T12:00:00.000Z db1 root BLOCK docker compose down -v: a permit\n');
  });
});

describe('the human listing', () => {
  it('says where it looked when nothing matches', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'cg-audit-'));
    const { io, captured } = testIo({ argv: ['audit', '--project', 'x'], cwd: home, env: { HOME: home, COMPOSE_GUARD_POLICY: path.join(home, 'none.yaml') }, now: () => NOW });
    expect(await runCli(io)).toBe(0);
    expect(captured.stdout).toBe(`no audit entries in ${path.join(home, '.local/state/compose-guard/audit.jsonl')} match\n`);
  });
});
