// The command-line entry: parses compose-guard's own arguments, runs the judge, prints to
// stderr (stdout belongs to Docker, except for `check --json`) and returns the exit status.
import type { Tool } from './command.js';
import { needsJudgement } from './command.js';
import type { Env } from './compose-env.js';
import { EXIT_GO, EXIT_STOPPED, EXIT_USAGE } from './exit-codes.js';
import { analyzeCommand } from './grammar.js';
import { judge, type Judgement } from './judge.js';
import { loadPolicy } from './policy.js';
import { realFs } from './project-fs.js';
import { composeGeneration, findRealBinary } from './real-binary.js';
import { colorsFor, renderNote, renderStop, toJson } from './report.js';
import { warmUp } from './warm-up.js';

export interface CliIo {
  argv: readonly string[];
  env: Env;
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (for colour). */
  stderrIsTty: boolean;
}

const USAGE = `usage: compose-guard check [--json] -- <docker|docker-compose> [ARGS...]
       compose-guard --version

Evaluates a command line without running it: exit 0 when it would go ahead, 77 when it would be
stopped. The shims installed by ./install.sh call the same judge before every command that could
destroy volume data.
`;

function isTool(name: string | undefined): name is Tool {
  return name === 'docker' || name === 'docker-compose';
}

export async function runCli(io: CliIo): Promise<number> {
  const [command, ...rest] = io.argv;
  if (command === 'shim') return shimCommand(io, rest);
  if (command === 'check') return checkCommand(io, rest);
  if (command === '__warm-up') {
    await warmUp();
    return EXIT_GO;
  }
  if (command === '--version' || command === 'version') {
    io.stdout(`compose-guard ${process.env.COMPOSE_GUARD_VERSION ?? '0.1.0'}\n`);
    return EXIT_GO;
  }
  io.stderr(USAGE);
  return command === undefined || command === 'help' || command === '--help' ? EXIT_GO : EXIT_USAGE;
}

async function checkCommand(io: CliIo, args: string[]): Promise<number> {
  const json = args[0] === '--json';
  const afterFlags = json ? args.slice(1) : args;
  const [dashDash, tool, ...argv] = afterFlags;
  if (dashDash !== '--' || !isTool(tool)) {
    io.stderr(USAGE);
    return EXIT_USAGE;
  }
  const realBinary = findRealBinary(tool, io.env);
  const generation = tool === 'docker-compose' ? composeGeneration(realBinary) : 'v2';
  const j = await judge({ tool, argv, env: io.env, cwd: io.cwd, realBinary, generation });
  if (json) io.stdout(`${JSON.stringify(toJson(j), null, 2)}\n`);
  else io.stderr(describe(j, io));
  return j.decision.verdict === 'allow' ? EXIT_GO : EXIT_STOPPED;
}

function describe(j: Judgement, io: CliIo): string {
  const colors = colorsFor(colorEnabled(io));
  if (j.decision.verdict !== 'allow') return renderStop(j, colors);
  if (j.decision.destructive) return renderNote(j, colors);
  return `compose-guard: goes ahead (${j.decision.reasons[0] ?? 'destroys no volume data'})\n`;
}

function colorEnabled(io: CliIo): boolean {
  if (io.env.NO_COLOR) return false;
  return Boolean(io.env.FORCE_COLOR) || io.stderrIsTty;
}

/** `compose-guard shim TOOL REAL -- ARGS…`: what the shims run before a judged command. */
async function shimCommand(io: CliIo, args: string[]): Promise<number> {
  const [tool, realBinary, dashDash, ...argv] = args;
  if (!isTool(tool) || realBinary === undefined || dashDash !== '--') {
    io.stderr(USAGE);
    return EXIT_USAGE;
  }
  try {
    const generation = tool === 'docker-compose' ? composeGeneration(realBinary) : 'v2';
    const j = await judge({ tool, argv, env: io.env, cwd: io.cwd, realBinary, generation });
    const colors = colorsFor(colorEnabled(io));
    if (j.decision.verdict !== 'allow') {
      io.stderr(renderStop(j, colors));
      return EXIT_STOPPED;
    }
    if (j.decision.notify) io.stderr(renderNote(j, colors));
    return EXIT_GO;
  } catch (error) {
    return failSafe(io, tool, argv, error);
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
  let protectedHost = true;
  try {
    const policy = loadPolicy(io.env, realFs);
    protectedHost = policy.error !== undefined || policy.environment === 'production';
  } catch {
    protectedHost = true;
  }
  if (harmless || !protectedHost) {
    io.stderr(`compose-guard: internal error (${message}); the command goes ahead\n`);
    return EXIT_GO;
  }
  io.stderr(`compose-guard: stopped: internal error (${message}) on a protected host; the command may destroy volume data\n`);
  return EXIT_STOPPED;
}
