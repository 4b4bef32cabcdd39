// Compose v2's flag sets: the root (`compose`-level) flags and those of the subcommands that can
// destroy volume data, v2.26.1 plus later additions. The destroying flags come from operations.ts.
import { destroyingFlags } from './operations.js';
import type { FlagSet, FlagSpec } from './pflag.js';

export const HELP: FlagSpec = { long: 'help', short: 'h', bool: true };
export const DRY_RUN: FlagSpec = { long: 'dry-run', bool: true };

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

function boolFlag(spec: string): FlagSpec {
  const [long, short] = spec.split(':') as [string, string | undefined];
  return short ? { long, short, bool: true } : { long, bool: true };
}

const OTHER_FLAGS: Record<string, FlagSet> = {
  down: [{ long: 'timeout', short: 't', int: true }, { long: 'rmi' }, { long: 'remove-orphans', bool: true }],
  rm: [{ long: 'force', short: 'f', bool: true }, { long: 'stop', short: 's', bool: true }, { long: 'all', short: 'a', bool: true }],
  up: [
    ...['detach:d', 'build', 'no-build', 'no-deps', 'force-recreate', 'no-recreate', 'always-recreate-deps',
      'remove-orphans', 'abort-on-container-exit', 'abort-on-container-failure', 'no-start', 'quiet-pull', 'quiet-build',
      'no-color', 'no-log-prefix', 'attach-dependencies', 'watch:w', 'wait', 'menu', 'timestamps', 'compatibility'].map(boolFlag),
    { long: 'scale' }, { long: 'timeout', short: 't', int: true }, { long: 'exit-code-from' },
    { long: 'attach' }, { long: 'no-attach' }, { long: 'pull' }, { long: 'wait-timeout', int: true },
  ],
  create: [
    ...['build', 'no-build', 'force-recreate', 'no-recreate', 'remove-orphans', 'quiet-pull', 'quiet-build'].map(boolFlag),
    { long: 'scale' }, { long: 'pull' },
  ],
};

/** The flag set of a subcommand that can destroy volume data; undefined for the others. */
export function subcommandFlags(subcommand: string): FlagSet | undefined {
  const other = OTHER_FLAGS[subcommand];
  return other && [...other, ...destroyingFlags('compose-v2', subcommand), DRY_RUN, HELP];
}

/** Every v2 subcommand name (Traverse stops only at one of these). */
export const SUBCOMMANDS = new Set([
  'attach', 'build', 'commit', 'config', 'convert', 'cp', 'create', 'down', 'events', 'exec', 'export',
  'images', 'kill', 'logs', 'ls', 'pause', 'port', 'ps', 'publish', 'pull', 'push', 'restart', 'rm', 'run',
  'scale', 'start', 'stats', 'stop', 'top', 'unpause', 'up', 'version', 'wait', 'watch', 'alpha', 'viz',
  'volumes', 'bridge', 'help', 'completion',
]);
