// The docker CLI's own command line: global flags up to the first command word (pflag with
// interspersed parsing off), then the commands that delete volume data (docker/cli @v28).
import { analyzeComposeV2 } from './compose-v2.js';
import { emptyAnalysis, type CommandAnalysis, type Operation, type TargetFlags } from './command.js';
import { allValues, isOn, lastValue, parsePflag, type FlagSet, type PflagResult } from './pflag.js';

export const DOCKER_GLOBAL_FLAGS: FlagSet = [
  { long: 'config' },
  { long: 'context', short: 'c' },
  { long: 'debug', short: 'D', bool: true },
  { long: 'host', short: 'H' },
  { long: 'log-level', short: 'l' },
  { long: 'tls', bool: true },
  { long: 'tlscacert' },
  { long: 'tlscert' },
  { long: 'tlskey' },
  { long: 'tlsverify', bool: true },
  { long: 'version', short: 'v', bool: true },
  { long: 'help', short: 'h', bool: true },
];

const VOLUME_RM: FlagSet = [{ long: 'force', short: 'f', bool: true }];
const VOLUME_PRUNE: FlagSet = [
  { long: 'all', short: 'a', bool: true },
  { long: 'filter' },
  { long: 'force', short: 'f', bool: true },
];
const SYSTEM_PRUNE: FlagSet = [...VOLUME_PRUNE, { long: 'volumes', bool: true }];
const CONTAINER_RM: FlagSet = [
  { long: 'force', short: 'f', bool: true },
  { long: 'link', short: 'l', bool: true },
  { long: 'volumes', short: 'v', bool: true },
];

interface Leaf {
  flags: FlagSet;
  operations: (parsed: PflagResult) => Operation[];
}

const volumeRm: Leaf = {
  flags: VOLUME_RM,
  operations: (p) => [{ kind: 'volume-rm', summary: 'volume rm', reaches: 'named', volumeNames: p.positionals }],
};
const containerRm: Leaf = {
  flags: CONTAINER_RM,
  operations: (p) => (isOn(p, 'volumes') ? [{ kind: 'container-rm-volumes', summary: 'rm --volumes', reaches: 'anonymous', containers: p.positionals }] : []),
};

// Before API 1.42 (engine 23) `volume prune` removes named volumes too, so it is always named here.
const LEAVES: Record<string, Leaf> = {
  'volume rm': volumeRm,
  'volume remove': volumeRm,
  'volume prune': {
    flags: VOLUME_PRUNE,
    operations: () => [{ kind: 'volume-prune', summary: 'volume prune', reaches: 'named' }],
  },
  'system prune': {
    flags: SYSTEM_PRUNE,
    operations: (p) => (isOn(p, 'volumes') ? [{ kind: 'system-prune-volumes', summary: 'system prune --volumes', reaches: 'named' }] : []),
  },
  rm: containerRm,
  'container rm': containerRm,
  'container remove': containerRm,
};

export interface DockerGlobals {
  target: TargetFlags;
  command: string[];
  error?: string;
  help: boolean;
}

export function parseDockerGlobals(argv: readonly string[]): DockerGlobals {
  const parsed = parsePflag(DOCKER_GLOBAL_FLAGS, argv, false);
  const target: TargetFlags = {
    context: lastValue(parsed, 'context'),
    host: allValues(parsed, 'host').at(-1),
    configDir: lastValue(parsed, 'config'),
  };
  const help = parsed.help || isOn(parsed, 'version');
  return { target, command: parsed.positionals, error: parsed.error, help };
}

/** Reads `docker <argv>`. */
export function analyzeDocker(argv: readonly string[]): CommandAnalysis {
  const globals = parseDockerGlobals(argv);
  if (globals.error) return withNote(argv, globals.target, `docker refuses the command line: ${globals.error}`);
  if (globals.help) return withNote(argv, globals.target, 'help or version only');
  const [command, ...rest] = globals.command;
  if (command === 'compose') return analyzeComposeV2('docker', argv, rest, globals.target);
  if (command === undefined) return emptyAnalysis('docker', argv, globals.target);
  return analyzeLeaf(argv, globals.target, command, rest);
}

function analyzeLeaf(argv: readonly string[], target: TargetFlags, command: string, rest: string[]): CommandAnalysis {
  const analysis = emptyAnalysis('docker', argv, target);
  let name = command;
  let args = rest;
  if (!LEAVES[name]) {
    // cobra finds a group's subcommand as the first word that is not a flag.
    const index = rest.findIndex((t) => !t.startsWith('-'));
    if (index < 0) return analysis;
    name = `${command} ${rest[index]}`;
    args = [...rest.slice(0, index), ...rest.slice(index + 1)];
  }
  const leaf = LEAVES[name];
  if (!leaf) return analysis;
  const parsed = parsePflag(leaf.flags, args, true);
  if (parsed.error) {
    if (parsed.unknownFlag) analysis.uncertainties.push(`\`docker ${name}\` with an option compose-guard does not know (${parsed.unknownFlag})`);
    else analysis.notes.push(`docker refuses the command line: ${parsed.error}`);
    return analysis;
  }
  if (parsed.help) return withNote(argv, target, 'help only');
  analysis.operations = leaf.operations(parsed);
  return analysis;
}

function withNote(argv: readonly string[], target: TargetFlags, note: string): CommandAnalysis {
  const analysis = emptyAnalysis('docker', argv, target);
  analysis.notes.push(note);
  return analysis;
}
