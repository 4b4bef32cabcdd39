// The audit log: one JSON line per judged command, appended with a single write to a file
// opened O_APPEND, so lines from concurrent commands never interleave.
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Env } from '../host.js';
import type { Judgement } from '../judge.js';
import { stateDir } from '../policy/permits.js';

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
  override: { id: string; reason: string; issuedBy: string } | null;
}

export function auditEntry(j: Judgement, ctx: AuditContext, decision: string, reason: string): AuditEntry {
  const ssh = ctx.env.SSH_CONNECTION ?? ctx.env.SSH_CLIENT;
  return {
    time: ctx.time.toISOString(),
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

export function fallbackAuditPath(env: Env): string {
  return path.join(stateDir(env), 'audit.jsonl');
}

function append(file: string, line: string): void {
  const fd = openSync(file, 'a', 0o640);
  try {
    writeSync(fd, line);
  } finally {
    closeSync(fd);
  }
}

/** Appends to the configured log, or to the user's when that one cannot be written. */
export function appendAudit(entry: unknown, configured: string | undefined, env: Env): { path: string; note?: string } {
  const line = `${JSON.stringify(entry)}\n`;
  const fallback = fallbackAuditPath(env);
  if (configured) {
    try {
      append(configured, line);
      return { path: configured };
    } catch (error) {
      // The configured folder is the administrator's to provide: never create it (recursive
      // mkdir under /proc spins forever on Node 20).
      mkdirSync(path.dirname(fallback), { recursive: true });
      append(fallback, line);
      return { path: fallback, note: `the audit log ${configured} cannot be written (${(error as NodeJS.ErrnoException).code ?? 'error'}); recorded in ${fallback}` };
    }
  }
  mkdirSync(path.dirname(fallback), { recursive: true });
  append(fallback, line);
  return { path: fallback };
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
