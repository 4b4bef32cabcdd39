// The audit log: one JSON line per judged command, appended with a single write to a file
// opened O_APPEND (lines from concurrent commands never interleave) and O_NOFOLLOW.
import { closeSync, constants, fstatSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Env } from '../host.js';
import type { Judgement } from '../judge.js';
import { isoTime } from './iso-time.js';

export interface AuditContext {
  time: Date;
  user: string;
  uid: number;
  hostname: string;
  cwd: string;
  env: Env;
}

export interface AuditEntry {
  time: string;
  user: string;
  uid: number;
  sudoUser: string | null;
  sshOrigin: string | null;
  host: string;
  cwd: string;
  target: Judgement['target'];
  environment: { tags: Judgement['tags']; policyFiles: string[] };
  argv: string[];
  project: { name: string; workingDir: string | null } | null;
  volumes: string[];
  anonymousVolumes: number;
  decision: string;
  reason: string;
  override: { id: string; reason: string; issuedBy: string; noSnapshot?: boolean } | null;
  /** The snapshot taken before the command (its id), skipped (why) or failed (why). */
  snapshot?: Record<string, unknown>;
}

export function auditEntry(j: Judgement, ctx: AuditContext, decision: string, reason: string): AuditEntry {
  const ssh = ctx.env.SSH_CONNECTION ?? ctx.env.SSH_CLIENT;
  return {
    time: isoTime(ctx.time),
    user: ctx.user,
    uid: ctx.uid,
    sudoUser: ctx.env.SUDO_USER ?? null,
    sshOrigin: ssh ? (ssh.split(' ')[0] ?? null) : null,
    host: ctx.hostname,
    cwd: ctx.cwd,
    target: j.target,
    environment: { tags: j.tags, policyFiles: j.policy.files.map((f) => f.path) },
    argv: [j.analysis.tool, ...j.analysis.argv],
    project: j.resolution.project ? { name: j.resolution.project.name, workingDir: j.resolution.project.workingDir } : null,
    volumes: j.resolution.volumes.map((v) => v.name),
    anonymousVolumes: j.resolution.anonymousVolumes.length,
    decision,
    reason,
    override: j.permit && j.decision.usesPermit ? { id: j.permit.id, reason: j.permit.reason, issuedBy: j.permit.issuedBy } : null,
  };
}

export function fallbackAuditPath(stateDir: string): string {
  return path.join(stateDir, 'audit.jsonl');
}

/** Appends one whole line, never through a symlink; a short write (full disk) is undone. */
export function appendLine(file: string, line: string): void {
  const fd = openSync(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK, 0o640);
  try {
    const before = fstatSync(fd);
    if (!before.isFile()) throw new Error(`${file} is not a regular file`);
    const bytes = Buffer.from(line);
    const written = writeSync(fd, bytes);
    if (written !== bytes.length) {
      // Only our own bytes are taken back: a line another command appended meanwhile stays.
      if (fstatSync(fd).size === before.size + written) ftruncateSync(fd, before.size);
      throw Object.assign(new Error(`only ${written} of ${bytes.length} bytes were written to ${file}`), { code: 'ENOSPC' });
    }
  } finally {
    closeSync(fd);
  }
}

/** The configured log, else the caller's own (with a note); the path written, or why none. */
export function appendAudit(entry: unknown, configured: string | undefined, stateDir: string): { path?: string; note?: string } {
  const line = `${JSON.stringify(entry)}\n`;
  const fallback = fallbackAuditPath(stateDir);
  let note: string | undefined;
  if (configured) {
    try {
      appendLine(configured, line);
      return { path: configured };
    } catch (error) {
      note = `the audit log ${configured} cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
    }
  }
  try {
    // The configured folder is the administrator's to provide: only the caller's own is created.
    mkdirSync(path.dirname(fallback), { recursive: true, mode: 0o700 });
    appendLine(fallback, line);
    return { path: fallback, note: note && `${note}; recorded in ${fallback}` };
  } catch (error) {
    const why = `${fallback} cannot be written either (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
    return { note: note ? `${note}; ${why}` : `the audit line is lost: ${why}` };
  }
}

/** The entries of each log that exists, oldest first. */
export function readAudit(files: string[]): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (const file of new Set(files)) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        entries.push(JSON.parse(line) as AuditEntry);
      } catch {
        // a line cut short by a full disk is skipped, not fatal
      }
    }
  }
  return entries.sort((a, b) => a.time.localeCompare(b.time));
}
