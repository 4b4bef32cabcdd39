// Compose v2's command line, read as Compose reads it: cobra's Traverse finds the subcommand
// among the root flags, pflag parses both levels, and only then do flags take effect.
// See docs "Compose v2 command-line grammar" (cobra command.go Traverse, pflag v1.0.5).
import { emptyAnalysis, needsJudgement, type CommandAnalysis, type TargetFlags, type Tool } from './command.js';
import { allValues, findLong, findShort, isOn, lastValue, parseGoBool, parsePflag, sitesOf, type FlagSet, type PflagResult } from './pflag.js';
import { COMPOSE_ROOT_FLAGS, SUBCOMMANDS, subcommandFlags } from './compose-v2-flags.js';
import { operationsFound } from './operations.js';
import { anyDoubtful, cannotRead, repairs } from './unreadable.js';
import type { Rewritten } from './remap.js';

export { COMPOSE_ROOT_FLAGS } from './compose-v2-flags.js';

function isBoolLong(flags: FlagSet, name: string): boolean {
  return findLong(flags, name)?.bool === true;
}

function isBoolShort(flags: FlagSet, letter: string): boolean {
  return findShort(flags, letter)?.bool === true;
}

interface Traversal {
  subcommand: string;
  rootTokens: string[];
  rest: string[];
}

/** cobra's Traverse: the subcommand is the first token that is neither a flag nor a flag's value. */
export function traverse(tokens: readonly string[], flags: FlagSet): Traversal | undefined {
  const collected: string[] = [];
  let expectValue = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (token.startsWith('--') && !token.includes('=')) {
      expectValue = !isBoolLong(flags, token.slice(2));
      collected.push(token);
    } else if (token.startsWith('-') && !token.includes('=') && token.length === 2 && !isBoolShort(flags, token[1] as string)) {
      expectValue = true;
      collected.push(token);
    } else if (expectValue) {
      expectValue = false;
      collected.push(token);
    } else if (token.length >= 2 && token.startsWith('-')) {
      collected.push(token);
    } else if (SUBCOMMANDS.has(token)) {
      return { subcommand: token === 'convert' ? 'config' : token, rootTokens: collected, rest: tokens.slice(i + 1) };
    } else {
      return undefined;
    }
  }
  return undefined;
}

const positionsFrom = (start: number, count: number): number[] => Array.from({ length: count }, (_, i) => start + i);

/** Reads `compose <tokens>` as v2 does; `tokens` are the tail of `argv`, the whole command line. */
export function analyzeComposeV2(tool: Tool, argv: readonly string[], tokens: readonly string[], target: TargetFlags): CommandAnalysis {
  const analysis = emptyAnalysis(tool, argv, target);
  const base = argv.length - tokens.length;
  const reread = (repaired: string[]) => needsJudgement(analyzeComposeV2(tool, [...argv.slice(0, base), ...repaired], repaired, target));
  // An unknown flag on a destroying subcommand may be a newer spelling of the destroying flag.
  const doubt = (parsed: PflagResult, args: readonly string[], prefix: readonly string[], what: string): CommandAnalysis => {
    analysis.notes.push(`Compose refuses the command line: ${parsed.error}`);
    if (prefix.length > 0 || (parsed.unknownAt && anyDoubtful(repairs(args, parsed.unknownAt), (a) => reread([...prefix, ...a])))) {
      analysis.uncertainties.push(cannotRead(`${what} with an option compose-guard does not know (${parsed.unknownFlag})`));
    }
    return analysis;
  };
  const found = traverse(tokens, COMPOSE_ROOT_FLAGS);
  if (!found) {
    // An unknown root flag makes Traverse take the next word as its value.
    const scan = parsePflag(COMPOSE_ROOT_FLAGS, tokens, true);
    if (scan.unknownFlag) return doubt(scan, tokens, [], '`compose`');
    analysis.notes.push('no Compose subcommand: Compose prints help or refuses');
    return analysis;
  }
  const root = parsePflag(COMPOSE_ROOT_FLAGS, found.rootTokens, true, positionsFrom(base, found.rootTokens.length));
  if (root.unknownFlag) return doubt(root, tokens, [], '`compose`');
  if (root.error) return note(analysis, `Compose refuses the command line: ${root.error}`);
  if (root.help) return note(analysis, 'help only');
  const subFlags = subcommandFlags(found.subcommand);
  if (!subFlags) return analysis;
  const subStart = tokens.length - found.rest.length;
  const sub = parsePflag(subFlags, found.rest, true, positionsFrom(base + subStart, found.rest.length));
  if (sub.unknownFlag) return doubt(sub, found.rest, tokens.slice(0, subStart), `\`${found.subcommand}\``);
  if (sub.error) return note(analysis, `Compose refuses the command line: ${sub.error}`);
  if (sub.help) return note(analysis, 'help only');
  if (found.subcommand === 'down' && !['', 'local', 'all', undefined].includes(lastValue(sub, 'rmi'))) {
    return note(analysis, `Compose refuses the command line: invalid value for --rmi: "${lastValue(sub, 'rmi')}"`);
  }
  // --dry-run is persistent: root and subcommand levels assign the same variable, last one wins.
  const dryRun = lastValue(sub, 'dry-run') ?? lastValue(root, 'dry-run');
  if (dryRun !== undefined && parseGoBool(dryRun)) return note(analysis, 'dry run: Compose only prints what it would do');
  analysis.operations = operationsFound('compose-v2', found.subcommand, { on: (f) => isOn(sub, f), sites: (f) => sitesOf(sub, f) });
  analysis.compose = {
    generation: 'v2',
    subcommand: found.subcommand,
    files: allValues(root, 'file'),
    projectName: lastValue(root, 'project-name'),
    projectDirectory: lastValue(root, 'project-directory') ?? lastValue(root, 'workdir'),
    envFiles: allValues(root, 'env-file'),
    profiles: allValues(root, 'profile'),
    services: sub.positionals,
    allResources: isOn(root, 'all-resources'),
    subcommandAt: base + subStart - 1,
  };
  return analysis;
}

function note(analysis: CommandAnalysis, text: string): CommandAnalysis {
  analysis.notes.push(text);
  return analysis;
}

const STANDALONE_BOOL = new Set(['--debug', '-D', '--tls', '--tlsverify']);
const STANDALONE_VALUE = new Set(['--tlscacert', '--tlscert', '--tlskey', '--host', '-H', '--context', '--log-level']);

/**
 * The v2 binary run as `docker-compose` rewrites its argv to `docker <root flags> compose <rest>`
 * (docker/compose cmd/compatibility/convert.go); `from` maps the result back to the typed argv.
 */
export function convertStandaloneMapped(argv: readonly string[]): Rewritten {
  const root: Array<[string, number]> = [];
  const compose: Array<[string, number]> = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const token = argv[i] as string;
    if (!token.startsWith('-')) break;
    if (token === '--verbose') root.push(['--debug', i]);
    else if (token === '-h') compose.push(['--help', i]);
    else if (token === '--version' || token === '-v') compose.push(['version', i]);
    else if (STANDALONE_BOOL.has(token)) root.push([token, i]);
    else if (STANDALONE_VALUE.has(token)) {
      root.push([token, i]);
      if (i + 1 < argv.length) root.push([argv[i + 1] as string, ++i]);
    } else compose.push([token, i]);
  }
  const rest = argv.slice(i).map((t, k): [string, number] => [t, i + k]);
  const all = [...root, ['compose', -1] as [string, number], ...compose, ...rest];
  return { argv: all.map(([t]) => t), from: all.map(([, at]) => at) };
}

export function convertStandalone(argv: readonly string[]): string[] {
  return convertStandaloneMapped(argv).argv;
}
