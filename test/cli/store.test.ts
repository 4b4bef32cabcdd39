// What the commands keep on disk for the caller: permits and the audit, chosen by who runs them.
import { chownSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditSinks, callerStateDir, configuredAuditFile, permitStore, recordAudit, stateOwner } from '../../src/cli/store.js';
import type { AuditEntry } from '../../src/cli/audit.js';
import { parsePolicyFile, type PolicySource } from '../../src/policy/file.js';
import type { Policy } from '../../src/policy/policy.js';

const isRoot = process.getuid?.() === 0;
const dir = () => mkdtempSync(path.join(tmpdir(), 'cg-store-'));

/** A policy of real files (ownership matters for root). */
function policyFiles(...files: Array<[PolicySource, string, string]>): Policy {
  return { files: files.map(([source, file, text]) => { writeFileSync(file, text); return parsePolicyFile(text, file, source); }), errors: [] };
}

describe('stateOwner', () => {
  it('takes the password database\'s home, else root\'s or none', () => {
    expect(stateOwner({ user: { name: 'a', uid: 5, home: '/home/a' } })).toEqual({ uid: 5, home: '/home/a' });
    expect(stateOwner({ user: { name: 'root', uid: 0 } })).toEqual({ uid: 0, home: '/root' });
    expect(stateOwner({ user: { name: 'a', uid: 5 } })).toEqual({ uid: 5, home: '/nonexistent' });
  });
});

describe('permitStore and callerStateDir', () => {
  it('are the user\'s state folder', () => {
    const io = { user: { name: 'a', uid: 1000, home: '/home/a' }, env: { HOME: '/home/a' } };
    expect(callerStateDir(io)).toBe('/home/a/.local/state/compose-guard');
    expect(permitStore(io).dir).toBe('/home/a/.local/state/compose-guard/permits');
  });
});

describe('configuredAuditFile', () => {
  it('is the policy\'s audit file for a user', () => {
    const d = dir();
    expect(configuredAuditFile(policyFiles(['env', path.join(d, 'p.yaml'), 'audit: /var/log/a.jsonl\n']), 1000)).toBe('/var/log/a.jsonl');
  });

  it.runIf(isRoot)('for root, only a file root owns (or the host file) may choose it', () => {
    const d = dir();
    const users = path.join(d, 'users.yaml');
    const policy = policyFiles(['env', users, 'audit: /tmp/chosen-by-a-user.jsonl\n']);
    expect(configuredAuditFile(policy, 0)).toBe('/tmp/chosen-by-a-user.jsonl');
    chownSync(users, 1000, 1000);
    expect(configuredAuditFile(policy, 0)).toBeUndefined();
    expect(configuredAuditFile(policy, 1000)).toBe('/tmp/chosen-by-a-user.jsonl');
  });
});

describe('auditSinks', () => {
  it('collects journald and syslog once each, never from a project\'s file', () => {
    const d = dir();
    const policy = policyFiles(['host', path.join(d, 'h.yaml'), 'audit: journald\n'], ['user', path.join(d, 'u.yaml'), 'audit: journald\n'], ['project', path.join(d, 'p.yaml'), 'audit: syslog\n']);
    expect(auditSinks(policy)).toEqual(['journald']);
  });
});

describe('recordAudit', () => {
  it('appends the entry to the configured file and has nothing to say', () => {
    const d = dir();
    const log = path.join(d, 'audit.jsonl');
    const policy = policyFiles(['env', path.join(d, 'p.yaml'), `audit: ${log}\n`]);
    const io = { user: { name: 'a', uid: 1000, home: d }, env: { HOME: d } };
    expect(recordAudit(io, { decision: 'block' } as AuditEntry, policy)).toEqual([]);
    expect(JSON.parse(readFileSync(log, 'utf8'))).toEqual({ decision: 'block' });
  });

  it('falls back to the caller\'s own log with a note', () => {
    const d = dir();
    const policy = policyFiles(['env', path.join(d, 'p.yaml'), `audit: ${path.join(d, 'missing', 'a.jsonl')}\n`]);
    const notes = recordAudit({ user: { name: 'a', uid: 1000, home: d }, env: { HOME: d } }, { decision: 'allow' } as AuditEntry, policy);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/cannot be written \(ENOENT\); recorded in .*\.local\/state\/compose-guard\/audit\.jsonl$/);
  });
});
