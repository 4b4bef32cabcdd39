// `compose-guard audit`: the latest entries, filtered by time, decision and project.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/router.js';
import { parseSince } from '../../../src/cli/commands/audit-command.js';
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
