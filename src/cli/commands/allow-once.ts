// `compose-guard allow-once --reason TEXT [--minutes N] -- TOOL ARGS…`: a deliberate, recorded,
// single-use way through for exactly this command, granted by a person at a terminal who types
// the project name. `--list` and `--revoke ID` manage the caller's permits.
import { auditEntry } from '../audit.js';
import { colorEnabled, type CliIo } from '../io.js';
import { needsJudgement } from '../../grammar/command.js';
import { EXIT_GO, EXIT_PROBLEM } from '../exit-codes.js';
import type { Judgement } from '../../judge.js';
import { DEFAULT_MINUTES } from '../../policy/permits.js';
import { colorsFor, commandLine, renderConfirm } from '../report.js';
import { UsageError } from '../spec/parse.js';
import type { ParsedArgs } from '../spec/types.js';
import { permitStore, recordAudit } from '../store.js';
import { judgeCommand, toolCommand } from './judge-command.js';
import { listPermits, revokePermit } from './permits-list.js';

function refuse(io: CliIo, why: string): number {
  io.stderr(`compose-guard: allow-once refused: ${why}\n`);
  return EXIT_PROBLEM;
}

/** Why this judgement cannot be lifted by this caller, if it cannot. */
function cannotLift(io: CliIo, j: Judgement): string | undefined {
  if (!needsJudgement(j.analysis)) return `${commandLine(j)} destroys no volume data; nothing to allow`;
  if (j.policy.errors.length > 0) return `the policy cannot be used (${j.policy.errors.join('; ')}); fix it first: an allow-once never overrides a broken policy`;
  if (j.decision.hostHold && io.user.uid !== 0) {
    return `${j.decision.hostHold}. Only root lifts what the host policy sets: sudo compose-guard allow-once --reason "..." -- ${commandLine(j)}, then run the command as root`;
  }
  return undefined;
}

export async function allowOnceCommand(io: CliIo, args: ParsedArgs): Promise<number> {
  const { reason, minutes, list, revoke } = args.values;
  const noSnapshot = args.values['no-snapshot'] === true;
  if (list) return listPermits(io, args.values.json === true);
  if (typeof revoke === 'string') return revokePermit(io, revoke);
  const { tool, argv } = toolCommand(args.command);
  if (typeof reason !== 'string' || reason.trim() === '') throw new UsageError('--reason is required: say why this data may go');
  // A person, not a program that read the stop message: the grant is typed at the terminal.
  if (!io.prompter.available()) {
    return refuse(io, 'it needs a person at a terminal, and /dev/tty cannot be opened here (no controlling terminal). Run it yourself in a terminal; a script or an agent cannot grant itself a way through');
  }
  const j = await judgeCommand(io, tool, argv, { interactive: false });
  const problem = cannotLift(io, j);
  if (problem) return refuse(io, problem);

  const expected = j.resolution.project?.name ?? j.resolution.volumes[0]?.name ?? 'destroy';
  const question = renderConfirm({ ...j, decision: { ...j.decision, confirmText: expected } }, colorsFor(colorEnabled(io)))
    .replace('compose-guard: confirm', 'compose-guard: allow once')
    .replace(/Type (.*) to destroy this data; anything else stops: $/, `Type $1 to allow this once (${reason}); anything else cancels: `);
  const answer = io.prompter.ask(question);
  if (answer === undefined) return refuse(io, 'no answer at the terminal');
  if (answer.trim() !== expected) return refuse(io, `typed "${answer.trim()}", not "${expected}"`);

  const issuedBy = io.env.SUDO_USER ? `${io.env.SUDO_USER} (as ${io.user.name})` : io.user.name;
  const project = j.resolution.project?.name ?? null;
  const target = { context: j.target.context, endpoint: j.target.endpoint ?? null };
  const permit = permitStore(io).issue({ host: io.hostname, target, tool, argv, project, cwd: io.cwd, reason, issuedBy, ...(noSnapshot ? { noSnapshot } : {}) }, typeof minutes === 'number' ? minutes : DEFAULT_MINUTES, io.now());
  const entry = auditEntry({ ...j, permit }, { time: io.now(), user: io.user.name, uid: io.user.uid, hostname: io.hostname, cwd: io.cwd, env: io.env }, 'allow-once issued', reason);
  for (const note of recordAudit(io, { ...entry, override: { id: permit.id, reason, issuedBy, ...(noSnapshot ? { noSnapshot } : {}) } }, j.policy)) io.stderr(`compose-guard: note: ${note}\n`);
  io.stderr(`compose-guard: allowed once: ${commandLine(j)}${project ? ` in project ${project}` : ''} on ${io.hostname}, daemon ${target.context}${target.endpoint ? ` (${target.endpoint})` : ''}, in ${io.cwd}, until ${permit.expiresAt} (id ${permit.id}).\n`
    + `  The next identical command${io.user.uid === 0 ? ' run as root' : ''} uses it; it is recorded with your reason.${noSnapshot ? ' It skips the snapshot (--no-snapshot, recorded).' : ''} Withdraw it: compose-guard allow-once --revoke ${permit.id}\n`);
  return EXIT_GO;
}
