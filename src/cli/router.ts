// The command-line router: finds the command in the table, answers --help, parses the
// arguments declaratively and runs the handler. Returns the exit status; only the process entry
// (main.ts) exits. The handlers live in their own bundle, loaded when one runs, so a judged
// command that the grammar alone lets through loads nothing else: no policy, resolver, YAML
// parser or report.
import type { CliIo } from './io.js';
import { harmlessShimCommand } from './commands/shim-fast.js';
import { loadCommands } from './load-commands.js';
import { loadTools } from './tools.js';
import { tellShim, withoutToken } from './verdict.js';
import { EXIT_GO, EXIT_USAGE } from './exit-codes.js';
import { ALL_COMMANDS, groups, type CommandName } from './spec/commands.js';
import { commandHelp, groupHelp, mainHelp, PROGRAM } from './spec/help.js';
import { isUsageError, parseCommandArgs, wantsHelp } from './spec/parse.js';
import type { CommandSpec, ParsedArgs } from './spec/types.js';
import { didYouMean } from '../suggest.js';

export type { CliIo } from './io.js';

export const VERSION = '0.1.0';

type Handler = (io: CliIo, args: ParsedArgs) => Promise<number>;

const HANDLERS: Record<CommandName, Handler> = {
  check: async (io, args) => (await loadCommands()).checkCommand(io, args),
  'allow-once': async (io, args) => (await loadCommands()).allowOnceCommand(io, args),
  audit: async (io, args) => (await loadCommands()).auditCommand(io, args),
  doctor: async (io, args) => (await loadTools()).doctorCommand(io, args.raw),
  daemon: async (io) => (await loadTools()).daemonCommand(io),
  install: async (io, args) => (await loadTools()).installCommand(io, args.values as { system?: boolean; prefix?: string; uninstall?: boolean; purge?: boolean }),
  snapshot: async (io, args) => (await loadTools()).snapshotCommand(io, args),
  snapshots: async (io, args) => (await loadTools()).snapshotsCommand(io, args),
  restore: async (io, args) => (await loadTools()).restoreCommand(io, args),
  verify: async (io, args) => (await loadTools()).verifyCommand(io, args),
  status: async (io, args) => (await loadTools()).statusCommand(io, args),
  'policy show': async (io, args) => (await loadCommands()).policyShowCommand(io, args),
  'policy validate': async (io, args) => (await loadCommands()).policyValidateCommand(io, args),
  version: async (io) => {
    io.stdout(`${PROGRAM} ${VERSION}\n`);
    return EXIT_GO;
  },
  help: async (io, args) => helpFor(io, args.operands),
  shim: async (io, args) => {
    if (!harmlessShimCommand(args.raw, withoutToken(io.env))) return (await loadCommands()).shimCommand(io, args.raw);
    tellShim(io, EXIT_GO);
    return EXIT_GO;
  },
  '__warm-up': async (io) => {
    const commands = await loadCommands();
    await commands.warmUp();
    // Real judged commands, end to end through this entry, in a sandbox with a stand-in engine.
    const sandbox = await commands.warmUpSandbox();
    const quiet = { stdout: () => undefined, stderr: () => undefined, verdict: () => undefined, prompter: { available: () => false, ask: () => undefined } };
    try {
      for (const line of ['rm ctr', 'compose down -v', 'compose -p app down --volumes', 'volume rm warm_data', 'compose --dry-run down -v']) {
        for (const color of ['1', '']) {
          await runCli({ ...io, ...quiet, argv: ['shim', 'docker', '/bin/true', '--', ...line.split(' ')], env: { ...sandbox.env, FORCE_COLOR: color }, cwd: sandbox.cwd });
        }
      }
    } finally {
      await sandbox.close();
    }
    return EXIT_GO;
  },
  __generate: async (io, args) => (await loadTools()).generateCommand(io, args.operands, VERSION),
};

/** The table entry named by the first words of argv, and how many words named it. */
export function findCommand(argv: readonly string[]): { spec: CommandSpec; words: number } | undefined {
  const two = argv.slice(0, 2).join(' ');
  const spec = ALL_COMMANDS.find((c) => c.name === two) ?? ALL_COMMANDS.find((c) => c.name === argv[0]);
  return spec ? { spec, words: spec.name.split(' ').length } : undefined;
}

function misuse(io: CliIo, message: string, helpCommand: string): number {
  io.stderr(`${PROGRAM}: ${message}\nSee '${helpCommand} --help'.\n`);
  return EXIT_USAGE;
}

function helpFor(io: CliIo, words: readonly string[]): number {
  if (words.length === 0) {
    io.stdout(mainHelp());
    return EXIT_GO;
  }
  const found = findCommand(words);
  if (found && found.words === words.length) io.stdout(commandHelp(found.spec));
  else if (words.length === 1 && groups().includes(words[0] as string)) io.stdout(groupHelp(words[0] as string));
  else return misuse(io, `no help for "${words.join(' ')}"`, PROGRAM);
  return EXIT_GO;
}

function unknownCommand(io: CliIo, argv: readonly string[]): number {
  const [first, second] = argv;
  if (first !== undefined && groups().includes(first)) {
    if (second === undefined || second === '--help' || second === '-h') {
      if (second !== undefined) {
        io.stdout(groupHelp(first));
        return EXIT_GO;
      }
      io.stderr(groupHelp(first));
      return EXIT_USAGE;
    }
    const known = ALL_COMMANDS.filter((c) => !c.hidden && c.name.startsWith(`${first} `)).map((c) => c.name.slice(first.length + 1));
    return misuse(io, `'${second}' is not a ${PROGRAM} ${first} command${didYouMean(second, known)}.`, `${PROGRAM} ${first}`);
  }
  const known = ALL_COMMANDS.filter((c) => !c.hidden).map((c) => c.name.split(' ')[0] as string);
  return misuse(io, `'${first}' is not a ${PROGRAM} command${didYouMean(first ?? '', known)}.`, PROGRAM);
}

export async function runCli(io: CliIo): Promise<number> {
  const argv = io.argv;
  const first = argv[0];
  if (first === undefined || first === '--help' || first === '-h') return helpFor(io, []);
  if (first === '--version') return HANDLERS.version(io, { values: {}, operands: [], raw: [] });
  const found = findCommand(argv);
  if (!found) return unknownCommand(io, argv);
  const { spec, words } = found;
  const rest = argv.slice(words);
  const helpCommand = `${PROGRAM} ${spec.name}`;
  if (spec.raw ? rest[0] === '--help' || rest[0] === '-h' : wantsHelp(rest)) {
    io.stdout(commandHelp(spec));
    return EXIT_GO;
  }
  let parsed: ParsedArgs;
  try {
    parsed = parseCommandArgs(spec, rest);
  } catch (error) {
    if (isUsageError(error)) return misuse(io, `${spec.name}: ${error.message}`, helpCommand);
    throw error;
  }
  try {
    return await HANDLERS[spec.name as CommandName](io, parsed);
  } catch (error) {
    if (isUsageError(error)) return misuse(io, `${spec.name}: ${error.message}`, helpCommand);
    throw error;
  }
}
