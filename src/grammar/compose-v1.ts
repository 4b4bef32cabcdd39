// Compose v1 (1.29.2) reads `docker-compose [options] COMMAND [ARGS...]` with docopt. A usage
// error prints help and exits 0, so a mistyped `down -v app` deletes nothing.
import { emptyAnalysis, type CommandAnalysis } from './command.js';
import { parseDocopt } from './docopt.js';
import type { FlagSet, FlagSpec } from './pflag.js';
import { destroyingFlags, operationsFound } from './operations.js';

const V1_GLOBAL_OPTIONS: FlagSet = [
  { long: 'file', short: 'f' },
  { long: 'project-name', short: 'p' },
  { long: 'profile' },
  { long: 'context', short: 'c' },
  { long: 'verbose', bool: true },
  { long: 'log-level' },
  { long: 'ansi' },
  { long: 'no-ansi', bool: true },
  { long: 'version', short: 'v', bool: true },
  { long: 'host', short: 'H' },
  { long: 'tls', bool: true },
  { long: 'tlscacert' },
  { long: 'tlscert' },
  { long: 'tlskey' },
  { long: 'tlsverify', bool: true },
  { long: 'skip-hostname-check', bool: true },
  { long: 'project-directory' },
  { long: 'compatibility', bool: true },
  { long: 'env-file' },
];

const bool = (spec: string): FlagSpec => {
  const [long, short] = spec.split(':') as [string, string | undefined];
  return short ? { long, short, bool: true } : { long, bool: true };
};

/** The options of the v1 commands that can destroy volume data, besides the destroying ones (operations.ts). */
const V1_OTHER_OPTIONS: Record<string, FlagSet> = {
  down: [{ long: 'rmi' }, { long: 'remove-orphans', bool: true }, { long: 'timeout', short: 't' }],
  rm: [bool('force:f'), bool('stop:s'), bool('all:a')],
  up: [
    ...['detach:d', 'no-color', 'quiet-pull', 'no-deps', 'force-recreate', 'always-recreate-deps', 'no-recreate',
      'no-build', 'no-start', 'build', 'abort-on-container-exit', 'attach-dependencies', 'remove-orphans', 'no-log-prefix'].map(bool),
    { long: 'timeout', short: 't' }, { long: 'exit-code-from' }, { long: 'scale' },
  ],
};
const TAKES_SERVICES: Record<string, boolean> = { down: false, rm: true, up: true };

/** A v1 command's whole option list, or undefined for commands that destroy nothing. */
export function v1Options(command: string): FlagSet | undefined {
  const other = V1_OTHER_OPTIONS[command];
  return other && [...other, ...destroyingFlags('compose-v1', command)];
}

export function analyzeComposeV1(argv: readonly string[]): CommandAnalysis {
  const top = parseDocopt(V1_GLOBAL_OPTIONS, argv, true);
  const last = (name: string) => top.values.get(name)?.at(-1);
  const composeV1 = {
    tls: top.values.has('tls'), verify: top.values.has('tlsverify'), cacert: last('tlscacert'), cert: last('tlscert'), key: last('tlskey'),
    skipHostnameCheck: top.values.has('skip-hostname-check'),
  };
  const target = { context: last('context'), host: last('host'), composeV1 };
  const analysis = emptyAnalysis('docker-compose', argv, target);
  if (top.error) return note(analysis, `Compose v1 prints its usage and runs nothing: ${top.error}`);
  if (top.help || top.version) return note(analysis, 'help or version only');
  const [subcommand, ...rest] = top.positionals;
  const options = subcommand === undefined ? undefined : v1Options(subcommand);
  if (!options || subcommand === undefined) return analysis;
  const subcommandAt = argv.length - rest.length - 1;
  const sub = parseDocopt(options, rest, false, subcommandAt + 1);
  if (sub.error) return note(analysis, `Compose v1 prints its usage and runs nothing: ${sub.error}`);
  if (sub.help) return note(analysis, 'help only');
  if (!TAKES_SERVICES[subcommand] && sub.positionals.length > 0) {
    return note(analysis, `Compose v1 prints its usage and runs nothing: \`${subcommand}\` takes no arguments`);
  }
  analysis.operations = operationsFound('compose-v1', subcommand, { on: (f) => sub.values.has(f), sites: (f) => sub.sites.get(f) ?? [] });
  analysis.compose = {
    generation: 'v1',
    subcommand,
    files: top.values.get('file') ?? [],
    projectName: top.values.get('project-name')?.at(-1),
    projectDirectory: top.values.get('project-directory')?.at(-1),
    envFiles: top.values.get('env-file')?.slice(-1) ?? [],
    profiles: top.values.get('profile') ?? [],
    services: sub.positionals,
    allResources: false,
    subcommandAt,
  };
  return analysis;
}

function note(analysis: CommandAnalysis, text: string): CommandAnalysis {
  analysis.notes.push(text);
  return analysis;
}
