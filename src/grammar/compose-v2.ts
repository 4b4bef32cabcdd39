// Compose v2's command line, read as Compose reads it: cobra's Traverse finds the subcommand
// among the root flags, pflag parses both levels, and only then do flags take effect.
// See docs "Compose v2 command-line grammar" (cobra command.go Traverse, pflag v1.0.5).
import { emptyAnalysis, type CommandAnalysis, type Operation, type TargetFlags, type Tool } from './command.js';
import { allValues, findLong, findShort, isOn, lastValue, parseGoBool, parsePflag, type FlagSet, type PflagResult } from './pflag.js';

const HELP = { long: 'help', short: 'h', bool: true } as const;
const DRY_RUN = { long: 'dry-run', bool: true } as const;

/** Root (`compose`-level) flags of v2.26.1 and later releases. */
export const COMPOSE_ROOT_FLAGS: FlagSet = [
  { long: 'file', short: 'f' },
  { long: 'project-name', short: 'p' },
  { long: 'project-directory' },
  { long: 'workdir' },
  { long: 'env-file' },
  { long: 'profile' },
  { long: 'progress' },
  { long: 'ansi' },
  { long: 'parallel', int: true },
  { long: 'insecure-registry' },
  { long: 'compatibility', bool: true },
  DRY_RUN,
  { long: 'version', short: 'v', bool: true },
  { long: 'verbose', bool: true },
  { long: 'no-ansi', bool: true },
  { long: 'all-resources', bool: true },
  HELP,
];

/** Flag sets of the subcommands that can destroy volume data (v2.26.1 plus later additions). */
const SUBCOMMAND_FLAGS: Record<string, FlagSet> = {
  down: [
    { long: 'volumes', short: 'v', bool: true, aliases: ['volume'] },
    { long: 'timeout', short: 't', int: true },
    { long: 'rmi' },
    { long: 'remove-orphans', bool: true },
  ],
  rm: [
    { long: 'force', short: 'f', bool: true },
    { long: 'stop', short: 's', bool: true },
    { long: 'volumes', short: 'v', bool: true },
    { long: 'all', short: 'a', bool: true },
  ],
  up: [
    ...['detach:d', 'build', 'no-build', 'no-deps', 'force-recreate', 'no-recreate', 'always-recreate-deps',
      'renew-anon-volumes:V', 'remove-orphans', 'abort-on-container-exit', 'abort-on-container-failure',
      'no-start', 'quiet-pull', 'quiet-build', 'no-color', 'no-log-prefix', 'attach-dependencies', 'watch:w',
      'wait', 'menu', 'timestamps', 'yes:y', 'compatibility'].map(boolFlag),
    { long: 'scale' }, { long: 'timeout', short: 't', int: true }, { long: 'exit-code-from' },
    { long: 'attach' }, { long: 'no-attach' }, { long: 'pull' }, { long: 'wait-timeout', int: true },
  ],
  create: [
    ...['build', 'no-build', 'force-recreate', 'no-recreate', 'remove-orphans', 'quiet-pull', 'quiet-build',
      'yes:y'].map(boolFlag),
    { long: 'scale' }, { long: 'pull' },
  ],
};

/** Every v2 subcommand name (Traverse stops only at one of these). */
const SUBCOMMANDS = new Set([
  'attach', 'build', 'commit', 'config', 'convert', 'cp', 'create', 'down', 'events', 'exec', 'export',
  'images', 'kill', 'logs', 'ls', 'pause', 'port', 'ps', 'publish', 'pull', 'push', 'restart', 'rm', 'run',
  'scale', 'start', 'stats', 'stop', 'top', 'unpause', 'up', 'version', 'wait', 'watch', 'alpha', 'viz',
  'volumes', 'bridge', 'help', 'completion',
]);

function boolFlag(spec: string): { long: string; short?: string; bool: true } {
  const [long, short] = spec.split(':') as [string, string | undefined];
  return short ? { long, short, bool: true } : { long, bool: true };
}

function isBoolLong(flags: FlagSet, name: string): boolean {
  return findLong(flags, name)?.bool === true || name === 'help';
}

function isBoolShort(flags: FlagSet, letter: string): boolean {
  return findShort(flags, letter)?.bool === true || letter === 'h';
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

/** Reads `compose <tokens>` as v2 does. `tool` and `argv` describe the original command line. */
export function analyzeComposeV2(tool: Tool, argv: readonly string[], tokens: readonly string[], target: TargetFlags): CommandAnalysis {
  const analysis = emptyAnalysis(tool, argv, target);
  const found = traverse(tokens, COMPOSE_ROOT_FLAGS);
  if (!found) {
    analysis.notes.push('no Compose subcommand: Compose prints help or refuses');
    return analysis;
  }
  const root = parsePflag(COMPOSE_ROOT_FLAGS, found.rootTokens, true);
  if (root.error) {
    analysis.notes.push(`Compose refuses the command line: ${root.error}`);
    return analysis;
  }
  if (root.help) {
    analysis.notes.push('help only');
    return analysis;
  }
  const subFlags = SUBCOMMAND_FLAGS[found.subcommand];
  if (!subFlags) return analysis;
  const sub = parsePflag([...subFlags, DRY_RUN, HELP], found.rest, true);
  if (sub.error) {
    if (sub.unknownFlag) {
      analysis.uncertainties.push(`\`${found.subcommand}\` with an option compose-guard does not know (${sub.unknownFlag})`);
    } else {
      analysis.notes.push(`Compose refuses the command line: ${sub.error}`);
    }
    return analysis;
  }
  if (sub.help) {
    analysis.notes.push('help only');
    return analysis;
  }
  if (found.subcommand === 'down' && !['', 'local', 'all', undefined].includes(lastValue(sub, 'rmi'))) {
    analysis.notes.push(`Compose refuses the command line: invalid value for --rmi: "${lastValue(sub, 'rmi')}"`);
    return analysis;
  }
  // --dry-run is persistent: root and subcommand levels assign the same variable, last one wins.
  const dryRun = lastValue(sub, 'dry-run') ?? lastValue(root, 'dry-run');
  if (dryRun !== undefined && parseGoBool(dryRun)) {
    analysis.notes.push('dry run: Compose only prints what it would do');
    return analysis;
  }
  analysis.operations = composeOperations(found.subcommand, sub);
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
  };
  return analysis;
}

function composeOperations(subcommand: string, sub: PflagResult): Operation[] {
  const ops: Operation[] = [];
  if (subcommand === 'down' && isOn(sub, 'volumes')) {
    ops.push({ kind: 'compose-down-volumes', summary: 'compose down --volumes', reaches: 'named' });
  }
  if (subcommand === 'rm' && isOn(sub, 'volumes')) {
    ops.push({ kind: 'compose-rm-volumes', summary: 'compose rm --volumes', reaches: 'anonymous' });
  }
  if (subcommand === 'up' && isOn(sub, 'renew-anon-volumes')) {
    ops.push({ kind: 'compose-up-renew-anon-volumes', summary: 'compose up --renew-anon-volumes', reaches: 'anonymous' });
  }
  if ((subcommand === 'up' || subcommand === 'create') && isOn(sub, 'yes')) {
    // v2.32+: with --yes, a volume whose configuration changed is deleted and re-created.
    ops.push({ kind: 'compose-up-recreate-volumes', summary: `compose ${subcommand} --yes`, reaches: 'named' });
  }
  return ops;
}

const STANDALONE_BOOL = new Set(['--debug', '-D', '--tls', '--tlsverify']);
const STANDALONE_VALUE = new Set(['--tlscacert', '--tlscert', '--tlskey', '--host', '-H', '--context', '--log-level']);

/**
 * The v2 binary run as `docker-compose` rewrites its argv to `docker <root flags> compose <rest>`
 * (docker/compose cmd/compatibility/convert.go). Returns the docker-style argv.
 */
export function convertStandalone(argv: readonly string[]): string[] {
  const rootFlags: string[] = [];
  const composeArgs: string[] = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const token = argv[i] as string;
    if (!token.startsWith('-')) break;
    if (token === '--verbose') rootFlags.push('--debug');
    else if (token === '-h') composeArgs.push('--help');
    else if (token === '--version' || token === '-v') composeArgs.push('version');
    else if (STANDALONE_BOOL.has(token)) rootFlags.push(token);
    else if (STANDALONE_VALUE.has(token)) {
      rootFlags.push(token);
      if (i + 1 < argv.length) rootFlags.push(argv[++i] as string);
    } else composeArgs.push(token);
  }
  return [...rootFlags, 'compose', ...composeArgs, ...argv.slice(i)];
}
