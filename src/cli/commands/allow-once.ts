// `compose-guard allow-once --reason TEXT [--minutes N] -- TOOL ARGS…`: a deliberate, recorded,
// single-use way through for exactly this command line on this host and project.
import { appendAudit, auditEntry } from '../audit.js';
import type { CliIo } from '../io.js';
import { needsJudgement } from '../../grammar/command.js';
import { EXIT_GO, EXIT_USAGE } from '../exit-codes.js';
import { DEFAULT_MINUTES, issuePermit, MAX_MINUTES, permitDir } from '../../policy/permits.js';
import { auditPath } from '../../policy/policy.js';
import { commandLine } from '../report.js';
import { isTool, judgeCommand } from './judge-command.js';

export const ALLOW_ONCE_USAGE = `usage: compose-guard allow-once --reason TEXT [--minutes N] -- <docker|docker-compose> [ARGS...]
  N: 1 to ${MAX_MINUTES} (default ${DEFAULT_MINUTES})
`;

export async function allowOnceCommand(io: CliIo, args: string[]): Promise<number> {
  let reason = '';
  let minutes = DEFAULT_MINUTES;
  let i = 0;
  for (; i < args.length && args[i] !== '--'; i++) {
    const arg = args[i] as string;
    if (arg === '--reason') reason = args[++i] ?? '';
    else if (arg.startsWith('--reason=')) reason = arg.slice('--reason='.length);
    else if (arg === '--minutes') minutes = Number(args[++i]);
    else if (arg.startsWith('--minutes=')) minutes = Number(arg.slice('--minutes='.length));
    else return usage(io, `unknown option ${arg}`);
  }
  const [tool, ...argv] = args.slice(i + 1);
  if (i >= args.length || !isTool(tool)) return usage(io, 'the command goes after --');
  if (reason.trim() === '') return usage(io, '--reason is required: say why this data may go');
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_MINUTES) return usage(io, `--minutes must be 1 to ${MAX_MINUTES}`);

  const j = await judgeCommand(io, tool, argv, { interactive: false });
  if (!needsJudgement(j.analysis)) {
    io.stderr(`compose-guard: ${commandLine(j)} destroys no volume data; nothing to allow\n`);
    return 1;
  }
  if (j.policy.errors.length > 0) {
    io.stderr(`compose-guard: the policy cannot be used (${j.policy.errors.join('; ')}); fix it first: an allow-once never overrides a broken policy\n`);
    return 1;
  }
  const issuedBy = io.env.SUDO_USER ? `${io.env.SUDO_USER} (as ${io.user.name})` : io.user.name;
  const project = j.resolution.project?.name ?? null;
  const permit = issuePermit(permitDir(io.env), { host: io.hostname, tool, argv, project, cwd: io.cwd, reason, issuedBy }, minutes, io.now());
  const entry = auditEntry({ ...j, permit }, { time: io.now(), user: io.user.name, uid: io.user.uid, hostname: io.hostname, cwd: io.cwd, env: io.env }, 'allow-once issued', reason);
  appendAudit({ ...entry, override: { id: permit.id, reason, issuedBy } }, auditPath(j.policy), io.env);
  io.stderr(`compose-guard: allowed once: ${commandLine(j)}${project ? ` in project ${project}` : ''} on ${io.hostname}, until ${permit.expiresAt} (id ${permit.id}).\n`
    + `  The next identical command uses it; it is recorded with your reason.\n`);
  return EXIT_GO;
}

function usage(io: CliIo, problem: string): number {
  io.stderr(`compose-guard allow-once: ${problem}\n${ALLOW_ONCE_USAGE}`);
  return EXIT_USAGE;
}
