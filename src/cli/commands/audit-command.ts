// `compose-guard audit [-n N] [--since WHEN] [--decision D] [--project NAME] [--json]`: the most
// recent judged commands, filtered.
import { fallbackAuditPath, readAudit, type AuditEntry } from '../audit.js';
import type { CliIo } from '../io.js';
import { EXIT_GO } from '../exit-codes.js';
import { loadPolicy } from '../../policy/policy.js';
import { callerStateDir, configuredAuditFile } from '../store.js';
import { UsageError } from '../spec/parse.js';
import type { ParsedArgs } from '../spec/types.js';

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** An age (`30m`, `2h`, `7d`) before now, or a date and time. */
export function parseSince(text: string, now: Date): Date {
  const age = /^([0-9]+)([smhdw])$/.exec(text);
  if (age) return new Date(now.getTime() - Number(age[1]) * (UNITS[age[2] as string] as number));
  const time = /^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9:.]+(Z|[+-][0-9:]+)?)?$/.test(text) ? new Date(text) : new Date(Number.NaN);
  if (Number.isNaN(time.getTime())) throw new UsageError(`--since takes a date (2026-11-24, 2026-11-24T12:00:00Z) or an age (30m, 2h, 7d), not "${text}"`);
  return time;
}

export function filterAudit(entries: AuditEntry[], filter: { since?: Date; decision?: string; project?: string }): AuditEntry[] {
  return entries.filter((e) => (!filter.since || new Date(e.time).getTime() >= filter.since.getTime())
    && (!filter.decision || e.decision === filter.decision)
    && (!filter.project || e.project?.name === filter.project));
}

export function renderAuditLine(e: AuditEntry): string {
  const who = e.sudoUser ? `${e.sudoUser}->${e.user}` : e.user;
  const volumes = e.volumes.length ? ` [${e.volumes.join(', ')}]` : '';
  const override = e.override ? ` allow-once ${e.override.id}: ${e.override.reason}` : '';
  return `${e.time} ${e.host} ${who} ${e.decision.toUpperCase()} ${e.argv.join(' ')}${e.project ? ` (project ${e.project.name})` : ''}${volumes}: ${e.reason}${override}\n`;
}

export async function auditCommand(io: CliIo, args: ParsedArgs): Promise<number> {
  const { lines, since, decision, project, json } = args.values;
  const filter = {
    since: typeof since === 'string' ? parseSince(since, io.now()) : undefined,
    decision: typeof decision === 'string' ? decision : undefined,
    project: typeof project === 'string' ? project : undefined,
  };
  const configured = configuredAuditFile(loadPolicy(io.env), io.user.uid);
  const files = [configured, fallbackAuditPath(callerStateDir(io))].filter((f): f is string => Boolean(f));
  const entries = filterAudit(readAudit(files), filter).slice(-(typeof lines === 'number' ? lines : 20));
  if (json) {
    for (const e of entries) io.stdout(`${JSON.stringify(e)}\n`);
    return EXIT_GO;
  }
  if (entries.length === 0) io.stdout(`no audit entries in ${files.join(' or ')}${filter.since || filter.decision || filter.project ? ' match' : ''}\n`);
  for (const e of entries) io.stdout(renderAuditLine(e));
  return EXIT_GO;
}
