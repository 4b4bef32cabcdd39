// The audit log: entries built from a judgement, appended whole with one write, read back.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendAudit, appendLine, auditEntry, fallbackAuditPath, readAudit, type AuditEntry } from '../../src/cli/audit.js';
import { judge } from '../../src/judge.js';
import { memoryFs } from '../helpers/memory-fs.js';

const dir = () => mkdtempSync(path.join(tmpdir(), 'cg-audit-'));
const isRoot = process.getuid?.() === 0;

async function judged(policy: string) {
  const fs = memoryFs({ '/srv/shop/compose.yaml': 'services:\n  db:\n    image: pg\n    volumes: [data:/d]\nvolumes:\n  data: {}\n', '/p/policy.yaml': policy });
  return judge({ tool: 'docker', argv: ['compose', 'down', '-v'], env: { HOME: '/home/x', COMPOSE_GUARD_POLICY: '/p/policy.yaml' }, cwd: '/srv/shop', hostname: 'db-1', now: new Date(0), interactive: false, fs, connect: () => undefined });
}

describe('auditEntry', () => {
  it('records who, where, what, against which daemon, and the decision', async () => {
    const j = await judged('environment: production\n');
    const ctx = { time: new Date('2026-11-24T12:00:00Z'), user: 'ann', uid: 1000, hostname: 'db-1', cwd: '/srv/shop', env: { SUDO_USER: 'bob', SSH_CONNECTION: '10.0.0.9 5555 10.0.0.1 22' } };
    expect(auditEntry(j, ctx, 'block', 'production')).toEqual({
      time: '2026-11-24T12:00:00.000Z', user: 'ann', uid: 1000, sudoUser: 'bob', sshOrigin: '10.0.0.9', host: 'db-1', cwd: '/srv/shop',
      target: j.target, environment: { tags: j.tags, policyFiles: ['/p/policy.yaml'] }, argv: ['docker', 'compose', 'down', '-v'],
      project: { name: 'shop', workingDir: '/srv/shop' }, volumes: ['shop_data'], anonymousVolumes: 0, decision: 'block', reason: 'production', override: null,
    });
  });

  it('takes SSH_CLIENT when SSH_CONNECTION is absent, and nulls without either', async () => {
    const j = await judged('');
    const base = { time: new Date(0), user: 'ann', uid: 1, hostname: 'h', cwd: '/' };
    expect(auditEntry(j, { ...base, env: { SSH_CLIENT: '192.0.2.1 1 22' } }, 'allow', 'r').sshOrigin).toBe('192.0.2.1');
    expect(auditEntry(j, { ...base, env: {} }, 'allow', 'r')).toMatchObject({ sshOrigin: null, sudoUser: null });
  });
});

describe('appendLine', () => {
  it('appends whole lines to a file it creates with mode 0640', () => {
    const file = path.join(dir(), 'audit.jsonl');
    appendLine(file, 'one\n');
    appendLine(file, 'two\n');
    expect(readFileSync(file, 'utf8')).toBe('one\ntwo\n');
    expect(statSync(file).mode & 0o777).toBe(0o640);
  });

  it('never writes through a symlink', () => {
    const d = dir();
    const target = path.join(d, 'elsewhere');
    writeFileSync(target, '');
    symlinkSync(target, path.join(d, 'audit.jsonl'));
    expect(() => appendLine(path.join(d, 'audit.jsonl'), 'x\n')).toThrow(/ELOOP/);
    expect(readFileSync(target, 'utf8')).toBe('');
  });

  it('refuses a FIFO without waiting for a reader, and a device', () => {
    const fifo = path.join(dir(), 'audit.fifo');
    execFileSync('mkfifo', [fifo]);
    expect(() => appendLine(fifo, 'x\n')).toThrow();
    expect(() => appendLine('/dev/null', 'x\n')).toThrow('/dev/null is not a regular file');
  });

  it('takes back its own bytes when only part of the line could be written', () => {
    const file = path.join(dir(), 'audit.jsonl');
    writeFileSync(file, 'before\n');
    // A file-size limit of one kilobyte for this process stands in for a full disk.
    const ignore = () => undefined;
    process.on('SIGXFSZ', ignore);
    execFileSync('prlimit', ['--pid', String(process.pid), '--fsize=1024:']);
    let error: NodeJS.ErrnoException | undefined;
    try {
      appendLine(file, `${'x'.repeat(2000)}\n`);
    } catch (e) {
      error = e as NodeJS.ErrnoException;
    } finally {
      execFileSync('prlimit', ['--pid', String(process.pid), '--fsize=unlimited:']);
      process.off('SIGXFSZ', ignore);
    }
    expect(error?.code).toBe('ENOSPC');
    expect(error?.message).toMatch(/^only \d+ of 2001 bytes were written to /);
    expect(readFileSync(file, 'utf8')).toBe('before\n');
  });
});

describe('appendAudit', () => {
  it('writes to the configured log', () => {
    const d = dir();
    const configured = path.join(d, 'audit.jsonl');
    expect(appendAudit({ a: 1 }, configured, path.join(d, 'state'))).toEqual({ path: configured });
    expect(readFileSync(configured, 'utf8')).toBe('{"a":1}\n');
  });

  it('falls back to the caller\'s own log, creating its folder, and says why', () => {
    const d = dir();
    const state = path.join(d, 'state', 'compose-guard');
    const configured = path.join(d, 'no-such-folder', 'audit.jsonl');
    const written = appendAudit({ a: 1 }, configured, state);
    expect(written.path).toBe(fallbackAuditPath(state));
    expect(written.note).toBe(`the audit log ${configured} cannot be written (ENOENT); recorded in ${fallbackAuditPath(state)}`);
    expect(statSync(state).mode & 0o777).toBe(0o700);
    expect(readFileSync(fallbackAuditPath(state), 'utf8')).toBe('{"a":1}\n');
  });

  it('uses the caller\'s own log without a note when none is configured', () => {
    const state = path.join(dir(), 's');
    expect(appendAudit({ a: 1 }, undefined, state)).toEqual({ path: fallbackAuditPath(state), note: undefined });
  });

  it('says the line is lost when neither can be written', () => {
    const d = dir();
    writeFileSync(path.join(d, 'blocker'), '');
    const written = appendAudit({ a: 1 }, undefined, path.join(d, 'blocker', 'state'));
    expect(written.path).toBeUndefined();
    expect(written.note).toMatch(/^the audit line is lost: .*blocker\/state\/audit\.jsonl cannot be written either \(ENOTDIR\)$/);
  });

  it.runIf(!isRoot)('does not write where it may not', () => {
    const d = dir();
    const locked = path.join(d, 'locked');
    mkdirSync(locked, { mode: 0o500 });
    chmodSync(locked, 0o500);
    expect(appendAudit({ a: 1 }, path.join(locked, 'a.jsonl'), path.join(d, 's')).note).toMatch(/EACCES/);
  });
});

describe('readAudit', () => {
  const entry = (time: string): AuditEntry => ({ time, decision: 'block' } as AuditEntry);

  it('reads every log once, oldest first, skipping torn lines and missing files', () => {
    const d = dir();
    const a = path.join(d, 'a.jsonl');
    const b = path.join(d, 'b.jsonl');
    writeFileSync(a, `${JSON.stringify(entry('2026-01-03T00:00:00Z'))}\n${JSON.stringify(entry('2026-01-01T00:00:00Z'))}\n{"torn`);
    writeFileSync(b, `\n${JSON.stringify(entry('2026-01-02T00:00:00Z'))}\n`);
    expect(readAudit([a, b, a, path.join(d, 'missing')]).map((e) => e.time)).toEqual(['2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z', '2026-01-03T00:00:00Z']);
  });
});
