// What the commands keep on disk for the caller: allow-once permits and the audit. Built from
// who runs the command; the judge only reads permits through it, and `check` writes nothing.
import { statSync } from 'node:fs';
import type { CliIo } from './io.js';
import { fileStore, type PermitStore } from '../policy/permit-store.js';
import { ownPermitDir, ownStateDir, type StateOwner } from '../policy/state-dir.js';
import { auditPath, type Policy } from '../policy/policy.js';
import type { AuditSink } from '../policy/file.js';
import { appendAudit, type AuditEntry } from './audit.js';
import { sendToSinks } from './audit-sinks.js';

export function stateOwner(io: Pick<CliIo, 'user'>): StateOwner {
  return { uid: io.user.uid, home: io.user.home ?? (io.user.uid === 0 ? '/root' : '/nonexistent') };
}

export function permitStore(io: Pick<CliIo, 'user' | 'env'>): PermitStore {
  const owner = stateOwner(io);
  return fileStore(ownPermitDir(io.env, owner), owner.uid);
}

export function callerStateDir(io: Pick<CliIo, 'user' | 'env'>): string {
  return ownStateDir(io.env, stateOwner(io));
}

function ownedByRoot(file: string): boolean {
  try {
    return statSync(file).uid === 0;
  } catch {
    return false;
  }
}

/** The JSON-lines file the policy names. Root appends only where a root-owned file says (a user's
 * COMPOSE_GUARD_POLICY kept by sudo -E must not choose a file for root to write). */
export function configuredAuditFile(policy: Policy, uid: number): string | undefined {
  return auditPath(uid === 0 ? { ...policy, files: policy.files.filter((f) => f.source === 'host' || ownedByRoot(f.path)) } : policy);
}

export function auditSinks(policy: Policy): AuditSink[] {
  return [...new Set(policy.files.filter((f) => f.source !== 'project').flatMap((f) => f.auditSinks))];
}

/** Records one entry: the JSON-lines file, then journald/syslog when the policy names them. Returns notes for stderr. */
export function recordAudit(io: Pick<CliIo, 'user' | 'env'>, entry: AuditEntry, policy: Policy): string[] {
  const written = appendAudit(entry, configuredAuditFile(policy, io.user.uid), callerStateDir(io));
  return [...(written.note ? [written.note] : []), ...sendToSinks(entry, auditSinks(policy))];
}
