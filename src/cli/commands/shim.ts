// `compose-guard shim TOOL REAL -- ARGS…`: what the shims run before a judged command. Exit 0
// lets the shim exec the real program; 77 stops it.
import { auditEntry, appendAudit } from '../audit.js';
import { colorEnabled, type CliIo } from '../io.js';
import { needsJudgement, type Tool } from '../../grammar/command.js';
import { EXIT_GO, EXIT_STOPPED, EXIT_USAGE } from '../exit-codes.js';
import { analyzeCommand } from '../../grammar/analyze.js';
import type { Judgement } from '../../judge.js';
import { consumePermit, permitDir } from '../../policy/permits.js';
import { auditPath, loadPolicy, outcomeFor } from '../../policy/policy.js';
import { colorsFor, commandLine, renderConfirm, renderNote, renderStop } from '../report.js';
import { isTool, judgeCommand } from './judge-command.js';

export const SHIM_USAGE = 'usage: compose-guard shim <docker|docker-compose> REAL -- [ARGS...]\n';

export async function shimCommand(io: CliIo, args: string[]): Promise<number> {
  const [tool, realBinary, dashDash, ...argv] = args;
  if (!isTool(tool) || realBinary === undefined || dashDash !== '--') {
    io.stderr(SHIM_USAGE);
    return EXIT_USAGE;
  }
  try {
    const j = await judgeCommand(io, tool, argv, { realBinary, interactive: io.prompter.available() });
    return settle(io, j);
  } catch (error) {
    return failSafe(io, tool, argv, error);
  }
}

function settle(io: CliIo, j: Judgement): number {
  const colors = colorsFor(colorEnabled(io));
  let verdict = j.decision.verdict;
  let reason = j.decision.reasons.at(-1) ?? '';
  if (verdict === 'confirm') {
    const answer = io.prompter.ask(renderConfirm(j, colors));
    const confirmed = answer !== undefined && answer.trim() === j.decision.confirmText;
    verdict = confirmed ? 'allow' : 'block';
    reason = confirmed ? 'confirmed at the terminal' : answer === undefined ? 'no answer at the terminal' : `typed "${answer}", not "${j.decision.confirmText}"`;
  }
  if (verdict === 'allow' && j.decision.usesPermit && j.permit && !consumePermit(permitDir(io.env), j.permit)) {
    verdict = 'block';
    reason = 'the allow-once permission was used by another command a moment ago';
  }
  if (needsJudgement(j.analysis)) record(io, j, verdict, reason);
  if (verdict !== 'allow') {
    io.stderr(j.decision.verdict === 'confirm' ? `compose-guard: stopped ${commandLine(j)}: ${reason}\n` : renderStop(j, colors));
    return EXIT_STOPPED;
  }
  if (j.decision.notify || j.decision.verdict === 'confirm') io.stderr(renderNote(j, colors));
  return EXIT_GO;
}

function record(io: CliIo, j: Judgement, verdict: string, reason: string): void {
  try {
    const entry = auditEntry(j, { time: io.now(), user: io.user.name, uid: io.user.uid, hostname: io.hostname, cwd: io.cwd, env: io.env }, verdict, reason);
    const written = appendAudit(entry, auditPath(j.policy), io.env);
    if (written.note) io.stderr(`compose-guard: note: ${written.note}\n`);
  } catch (error) {
    io.stderr(`compose-guard: note: the audit line could not be written (${error instanceof Error ? error.message : String(error)})\n`);
  }
}

/** A guard bug never breaks a harmless command, and never lets a risky one through a protected host. */
function failSafe(io: CliIo, tool: Tool, argv: string[], error: unknown): number {
  const message = error instanceof Error ? error.message : String(error);
  let harmless = false;
  try {
    harmless = analyzeCommand(tool, argv, io.env, 'unknown').every((a) => !needsJudgement(a));
  } catch {
    harmless = false;
  }
  let relaxed = false;
  try {
    const policy = loadPolicy(io.env);
    const tags = policy.files.flatMap((f) => (f.environment ? [f.environment] : []));
    relaxed = policy.errors.length === 0 && tags.length > 0 && tags.every((t) => outcomeFor(policy, t) === 'allow');
  } catch {
    relaxed = false;
  }
  if (harmless || relaxed) {
    io.stderr(`compose-guard: internal error (${message}); the command goes ahead\n`);
    return EXIT_GO;
  }
  io.stderr(`compose-guard: stopped: internal error (${message}); the command may destroy volume data and could not be judged\n`);
  return EXIT_STOPPED;
}
