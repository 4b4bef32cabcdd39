// `compose-guard shim TOOL REAL -- ARGS…`: what the shims run before a judged command. The
// judgement alone decides; the shim execs the real program only on `go <token>` (verdict.ts).
// An internal error here is a stop, never a rule of its own.
import { auditEntry } from '../audit.js';
import { colorEnabled, withEnv, type CliIo } from '../io.js';
import { needsJudgement } from '../../grammar/command.js';
import { EXIT_GO, EXIT_STOPPED, EXIT_USAGE } from '../exit-codes.js';
import type { Judgement } from '../../judge.js';
import { permitStore, recordAudit } from '../store.js';
import { colorsFor, commandLine, renderConfirm, renderNote, renderStop } from '../report.js';
import { snapshotNeed } from '../../policy/snapshots.js';
import { stopFacts } from '../stop-facts.js';
import { loadTools } from '../tools.js';
import { isTool, judgeCommand } from './judge-command.js';
import { messageOf } from '../../deadline.js';
import { tellShim, withoutToken } from '../verdict.js';
import { grantFor, NO_DAEMON, registerGrant } from '../../daemon/grant-client.js';

export const SHIM_USAGE = 'usage: compose-guard shim <docker|docker-compose> REAL -- [ARGS...]\n';

export async function shimCommand(io: CliIo, args: string[]): Promise<number> {
  const status = await shimStatus(withEnv(io, withoutToken(io.env)), args);
  tellShim(io, status);
  return status;
}

async function shimStatus(io: CliIo, args: string[]): Promise<number> {
  const [tool, realBinary, dashDash, ...argv] = args;
  if (!isTool(tool) || realBinary === undefined || dashDash !== '--') {
    io.stderr(SHIM_USAGE);
    return EXIT_USAGE;
  }
  try {
    const j = await judgeCommand(io, tool, argv, { realBinary, interactive: io.prompter.available() });
    const status = await settle(io, j);
    // The grant comes last before the go, after anything that runs first (a snapshot), so its
    // few seconds start when the real program does.
    if (status === EXIT_GO && j.analysis.operations.length > 0) await grant(io, j);
    return status;
  } catch (error) {
    io.stderr(`compose-guard: stopped: internal error (${messageOf(error)}); the command was not judged, so it does not run\n`);
    return EXIT_STOPPED;
  }
}

async function settle(io: CliIo, j: Judgement): Promise<number> {
  const colors = colorsFor(colorEnabled(io));
  let verdict = j.decision.verdict;
  let reason = j.decision.reasons.at(-1) ?? '';
  if (verdict === 'confirm') {
    waitingOnPurpose();
    const answer = io.prompter.ask(renderConfirm(j, colors));
    const confirmed = answer !== undefined && answer.trim() === j.decision.confirmText;
    verdict = confirmed ? 'allow' : 'block';
    reason = confirmed ? 'confirmed at the terminal' : answer === undefined ? 'no answer at the terminal' : `typed "${answer}", not "${j.decision.confirmText}"`;
  }
  // Snapshot first, then go: the tools bundle is loaded only when a copy is to be taken, and a
  // failed copy stops the command (the permission stays for the next attempt).
  let snapshot: Record<string, unknown> | undefined;
  const need = verdict === 'allow' ? snapshotNeed(j.policy, j.tags, { ...j.decision, verdict }, j.permit) : undefined;
  if (need?.wanted) {
    waitingOnPurpose();
    const taken = await (await loadTools()).snapshotBeforeDestroy(io, j, need.why);
    snapshot = taken.id ? { id: taken.id, why: need.why } : taken.note ? { skipped: taken.note, why: need.why } : { failed: taken.error, why: need.why };
    if (taken.error !== undefined) {
      record(io, j, 'block', `the snapshot before it failed: ${taken.error}`, snapshot);
      return EXIT_STOPPED;
    }
  } else if (need && /--no-snapshot/.test(need.why)) snapshot = { skipped: need.why };
  if (verdict === 'allow' && j.decision.usesPermit && j.permit && !permitStore(io).consume(j.permit)) {
    verdict = 'block';
    reason = 'the allow-once permission was used by another command a moment ago';
  }
  if (needsJudgement(j.analysis)) record(io, j, verdict, reason, snapshot);
  if (verdict !== 'allow') {
    if (j.decision.verdict === 'confirm') io.stderr(`compose-guard: stopped ${commandLine(j)}: ${reason}\n`);
    else io.stderr(renderStop(j, colors, await stopFacts(j, io.env, io.user.uid, io.now()).catch(() => undefined)));
    return EXIT_STOPPED;
  }
  if (j.decision.notify || j.decision.verdict === 'confirm') io.stderr(renderNote(j, colors));
  return EXIT_GO;
}

/**
 * From here on the judge waits for a person or copies a snapshot: the shim's soft CPU limit
 * (SIGXCPU) and its wall-clock watchdog (SIGALRM) are there to end a judge stuck in a loop or a
 * hang, and no longer apply. The prompt ends on an answer or EOF; the copy has its own deadlines.
 */
function waitingOnPurpose(): void {
  for (const signal of ['SIGXCPU', 'SIGALRM'] as const) if (process.listenerCount(signal) === 0) process.on(signal, () => undefined);
}

/** Lets the engine's compose-guard plugin, when this host runs one, allow what was just allowed. */
async function grant(io: CliIo, j: Judgement): Promise<void> {
  const outcome = await registerGrant(grantFor(j, io.env, io.user.name), io.env);
  if (!outcome.registered && outcome.why !== NO_DAEMON) io.stderr(`compose-guard: note: the compose-guard daemon was not told (${outcome.why}); the engine may refuse the deletion\n`);
}

function record(io: CliIo, j: Judgement, verdict: string, reason: string, snapshot?: Record<string, unknown>): void {
  try {
    const entry = auditEntry(j, { time: io.now(), user: io.user.name, uid: io.user.uid, hostname: io.hostname, cwd: io.cwd, env: io.env }, verdict, reason);
    for (const note of recordAudit(io, snapshot ? { ...entry, snapshot } : entry, j.policy)) io.stderr(`compose-guard: note: ${note}\n`);
  } catch (error) {
    io.stderr(`compose-guard: note: the audit line could not be written (${messageOf(error)})\n`);
  }
}
