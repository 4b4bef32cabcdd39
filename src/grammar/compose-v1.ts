// Compose v1 (1.29.2) reads `docker-compose [options] COMMAND [ARGS...]` with docopt. A usage
// error prints help and exits 0, so a mistyped `down -v app` deletes nothing.
import { emptyAnalysis, type CommandAnalysis, type Operation } from './command.js';
import { parseDocopt } from './docopt.js';
import type { FlagSet } from './pflag.js';

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

interface V1Command {
  options: FlagSet;
  takesServices: boolean;
  operations: (values: Map<string, string[]>) => Operation[];
}

const V1_COMMANDS: Record<string, V1Command> = {
  down: {
    options: [
      { long: 'rmi' },
      { long: 'volumes', short: 'v', bool: true },
      { long: 'remove-orphans', bool: true },
      { long: 'timeout', short: 't' },
    ],
    takesServices: false,
    operations: (v) => (v.has('volumes') ? [{ kind: 'compose-down-volumes', summary: 'compose down --volumes', reaches: 'named' }] : []),
  },
  rm: {
    options: [
      { long: 'force', short: 'f', bool: true },
      { long: 'stop', short: 's', bool: true },
      { long: 'v', short: 'v', bool: true },
      { long: 'all', short: 'a', bool: true },
    ],
    takesServices: true,
    operations: (v) => (v.has('v') ? [{ kind: 'compose-rm-volumes', summary: 'compose rm -v', reaches: 'anonymous' }] : []),
  },
  up: {
    options: [
      ...['detach:d', 'no-color', 'quiet-pull', 'no-deps', 'force-recreate', 'always-recreate-deps', 'no-recreate',
        'no-build', 'no-start', 'build', 'abort-on-container-exit', 'attach-dependencies', 'renew-anon-volumes:V',
        'remove-orphans', 'no-log-prefix'].map((s) => {
        const [long, short] = s.split(':') as [string, string | undefined];
        return short ? { long, short, bool: true } : { long, bool: true };
      }),
      { long: 'timeout', short: 't' }, { long: 'exit-code-from' }, { long: 'scale' },
    ],
    takesServices: true,
    operations: (v) => (v.has('renew-anon-volumes')
      ? [{ kind: 'compose-up-renew-anon-volumes', summary: 'compose up --renew-anon-volumes', reaches: 'anonymous' }]
      : []),
  },
};

export function analyzeComposeV1(argv: readonly string[]): CommandAnalysis {
  const top = parseDocopt(V1_GLOBAL_OPTIONS, argv, true);
  const target = { context: top.values.get('context')?.at(-1), host: top.values.get('host')?.at(-1) };
  const analysis = emptyAnalysis('docker-compose', argv, target);
  if (top.error) return note(analysis, `Compose v1 prints its usage and runs nothing: ${top.error}`);
  if (top.help || top.version) return note(analysis, 'help or version only');
  const [subcommand, ...rest] = top.positionals;
  const command = subcommand === undefined ? undefined : V1_COMMANDS[subcommand];
  if (!command || subcommand === undefined) return analysis;
  const sub = parseDocopt(command.options, rest, false);
  if (sub.error) return note(analysis, `Compose v1 prints its usage and runs nothing: ${sub.error}`);
  if (sub.help) return note(analysis, 'help only');
  if (!command.takesServices && sub.positionals.length > 0) {
    return note(analysis, `Compose v1 prints its usage and runs nothing: \`${subcommand}\` takes no arguments`);
  }
  analysis.operations = command.operations(sub.values);
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
  };
  return analysis;
}

function note(analysis: CommandAnalysis, text: string): CommandAnalysis {
  analysis.notes.push(text);
  return analysis;
}
