// The audit where operators look: journald and syslog, through util-linux `logger`, with the
// fields they filter on (decision, project, volumes, user, target) as structured data.
import { lstatSync } from 'node:fs';
import type { AuditSink } from '../policy/file.js';
import type { AuditEntry } from './audit.js';

export const JOURNAL_SOCKET = '/run/systemd/journal/socket';
export const SYSLOG_SOCKET = '/dev/log';
const LOGGERS = ['/usr/bin/logger', '/bin/logger'];
const DEADLINE_MS = 2_000;

export function auditFields(e: AuditEntry): Record<string, string> {
  return {
    decision: e.decision,
    project: e.project?.name ?? '',
    volumes: e.volumes.join(','),
    user: e.sudoUser ? `${e.sudoUser}->${e.user}` : e.user,
    target: `${e.target.context}${e.target.endpoint ? ` ${e.target.endpoint}` : ''}`,
  };
}

export function auditMessage(e: AuditEntry): string {
  return `${e.decision} ${e.argv.join(' ')}${e.project ? ` (project ${e.project.name})` : ''}${e.volumes.length ? ` [${e.volumes.join(', ')}]` : ''} by ${auditFields(e).user} on ${e.host}: ${e.reason}`;
}

const oneLine = (text: string): string => text.replace(/[\r\n]+/g, ' ');

/** `logger --journald` input: FIELD=value lines. */
export function journalRecord(e: AuditEntry): string {
  const fields = Object.entries(auditFields(e)).map(([k, v]) => `COMPOSE_GUARD_${k.toUpperCase()}=${oneLine(v)}`);
  return [`MESSAGE=${oneLine(auditMessage(e))}`, 'SYSLOG_IDENTIFIER=compose-guard', `PRIORITY=${e.decision === 'allow' ? 5 : 4}`, ...fields, ''].join('\n');
}

/** RFC 5424 structured data: `"`, `\` and `]` escaped. */
export function syslogArgs(e: AuditEntry): string[] {
  const params = Object.entries(auditFields(e)).flatMap(([k, v]) => ['--sd-param', `${k}="${oneLine(v).replace(/["\\\]]/g, '\\$&')}"`]);
  return ['--rfc5424', '--socket-errors=on', '-t', 'compose-guard', '-p', `auth.${e.decision === 'allow' ? 'notice' : 'warning'}`, '--sd-id', 'compose-guard@32473', ...params, '--', oneLine(auditMessage(e))];
}

function isSocket(file: string): boolean {
  try {
    return lstatSync(file).isSocket();
  } catch {
    return false;
  }
}

/** Sends the entry to each sink; a note for each that could not take it. */
export function sendToSinks(e: AuditEntry, sinks: readonly AuditSink[]): string[] {
  const notes: string[] = [];
  const logger = LOGGERS.find((f) => { try { return lstatSync(f).isFile(); } catch { return false; } });
  for (const sink of sinks) {
    const socket = sink === 'journald' ? JOURNAL_SOCKET : SYSLOG_SOCKET;
    // logger --journald reports success even when no journal listens: look first.
    if (!isSocket(socket)) {
      notes.push(`audit: ${sink} does not run here (no ${socket})`);
      continue;
    }
    if (!logger) {
      notes.push(`audit: no logger program for ${sink} (util-linux)`);
      continue;
    }
    // Loaded here: the audit file alone, the usual case, starts no program.
    const { spawnSync } = process.getBuiltinModule('node:child_process');
    const result = sink === 'journald'
      ? spawnSync(logger, ['--journald'], { input: journalRecord(e), timeout: DEADLINE_MS, stdio: ['pipe', 'ignore', 'pipe'] })
      : spawnSync(logger, syslogArgs(e), { timeout: DEADLINE_MS, stdio: ['ignore', 'ignore', 'pipe'] });
    if (result.status !== 0) notes.push(`audit: ${sink} did not take the line (${result.error?.message ?? result.stderr?.toString().trim() ?? `status ${result.status}`})`);
  }
  return notes;
}
