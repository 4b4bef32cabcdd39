// `compose-guard allow-once --reason TEXT [--minutes N] -- TOOL ARGS…`: a deliberate, recorded,
// single-use way through for exactly this command line on this host and project.
import { appendAudit, auditEntry } from '../audit.js';
import type { CliIo } from '../io.js';
import { needsJudgement } from '../../grammar/command.js';
import { EXIT_GO, EXIT_PROBLEM } from '../exit-codes.js';
import { DEFAULT_MINUTES, issuePermit, permitDir } from '../../policy/permits.js';
import { auditPath } from '../../policy/policy.js';
import { commandLine } from '../report.js';
import { UsageError } from '../spec/parse.js';
import type { ParsedArgs } from '../spec/types.js';
import { judgeCommand, toolCommand } from './judge-command.js';

export async function allowOnceCommand(io: CliIo, args: ParsedArgs): Promise<number> {
  const { reason, minutes } = args.values;
  if (args.command === undefined) throw new UsageError('the command line goes after --');
  const { tool, argv } = toolCommand(args.command);
  if (typeof reason !== 'string' || reason.trim() === '') throw new UsageError('--reason is required: say why this data may go');

  const j = await judgeCommand(io, tool, argv, { interactive: false });
  if (!needsJudgement(j.analysis)) {
    io.stderr(`compose-guard: ${commandLine(j)} destroys no volume data; nothing to allow\n`);
    return EXIT_PROBLEM;
  }
  if (j.policy.errors.length > 0) {
    io.stderr(`compose-guard: the policy cannot be used (${j.policy.errors.join('; ')}); fix it first: an allow-once never overrides a broken policy\n`);
    return EXIT_PROBLEM;
  }
  const issuedBy = io.env.SUDO_USER ? `${io.env.SUDO_USER} (as ${io.user.name})` : io.user.name;
  const project = j.resolution.project?.name ?? null;
  const permit = issuePermit(permitDir(io.env), { host: io.hostname, tool, argv, project, cwd: io.cwd, reason, issuedBy }, typeof minutes === 'number' ? minutes : DEFAULT_MINUTES, io.now());
  const entry = auditEntry({ ...j, permit }, { time: io.now(), user: io.user.name, uid: io.user.uid, hostname: io.hostname, cwd: io.cwd, env: io.env }, 'allow-once issued', reason);
  appendAudit({ ...entry, override: { id: permit.id, reason, issuedBy } }, auditPath(j.policy), io.env);
  io.stderr(`compose-guard: allowed once: ${commandLine(j)}${project ? ` in project ${project}` : ''} on ${io.hostname}, until ${permit.expiresAt} (id ${permit.id}).\n`
    + `  The next identical command uses it; it is recorded with your reason.\n`);
  return EXIT_GO;
}
