// The docker CLI's own command line: global flags up to the first command word (pflag with
// interspersed parsing off), config.json aliases, then the commands that delete volume data
// (docker/cli @v28, declared in operations.ts).
import { analyzeComposeV2 } from './compose-v2.js';
import { emptyAnalysis, needsJudgement, type CommandAnalysis, type TargetFlags, type TlsFlags } from './command.js';
import { allValues, isOn, lastValue, parsePflag, sitesOf, type FlagSet, type PflagResult } from './pflag.js';
import { destroyingFlags, destroysAt, operationsFound } from './operations.js';
import { aliasReadings, type DockerAliases } from './aliases.js';
import { anyDoubtful, cannotRead, repairs } from './unreadable.js';
import { remapAnalysis } from './remap.js';

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

/** The flags of docker commands that destroy, other than the destroying ones (from the table). */
const OTHER_FLAGS: Record<string, FlagSet> = {
  'volume rm': [{ long: 'force', short: 'f', bool: true }],
  'volume prune': [{ long: 'all', short: 'a', bool: true }, { long: 'filter' }, { long: 'force', short: 'f', bool: true }],
  'system prune': [{ long: 'all', short: 'a', bool: true }, { long: 'filter' }, { long: 'force', short: 'f', bool: true }],
  rm: [{ long: 'force', short: 'f', bool: true }, { long: 'link', short: 'l', bool: true }],
};
/** cobra's argument checks: the command runs nothing when they fail. */
const ARITY: Record<string, 'none' | 'some'> = { 'volume rm': 'some', 'volume prune': 'none', 'system prune': 'none', rm: 'some' };
const SAME_AS: Record<string, string> = { 'volume remove': 'volume rm', 'container rm': 'rm', 'container remove': 'rm' };

function leafFlags(name: string): FlagSet {
  return [...(OTHER_FLAGS[SAME_AS[name] ?? name] ?? []), ...destroyingFlags('docker', name)];
}

export interface DockerGlobals {
  target: TargetFlags;
  command: string[];
  error?: string;
  help: boolean;
}

export function parseDockerGlobals(argv: readonly string[]): DockerGlobals & { unknownAt?: { index: number; letter?: number } } {
  const parsed = parsePflag(DOCKER_GLOBAL_FLAGS, argv, false);
  const target: TargetFlags = {
    context: lastValue(parsed, 'context'),
    host: allValues(parsed, 'host').at(-1),
    configDir: lastValue(parsed, 'config'),
    tls: tlsFlags(parsed),
  };
  const help = parsed.help || isOn(parsed, 'version');
  return { target, command: parsed.positionals, error: parsed.error, help, unknownAt: parsed.unknownFlag ? parsed.unknownAt : undefined };
}

/** The TLS flags given, as docker reads them (a path's surrounding quotes are dropped). */
function tlsFlags(parsed: PflagResult): TlsFlags | undefined {
  const bool = (flag: string) => (lastValue(parsed, flag) === undefined ? undefined : isOn(parsed, flag));
  const path = (flag: string) => {
    const value = lastValue(parsed, flag);
    return value !== undefined && value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0] ? value.slice(1, -1) : value;
  };
  const flags: TlsFlags = { tls: bool('tls'), verify: bool('tlsverify'), cacert: path('tlscacert'), cert: path('tlscert'), key: path('tlskey') };
  return Object.values(flags).some((v) => v !== undefined) ? flags : undefined;
}

/** Reads `docker <argv>`, with the `aliases` of the config.json in effect. */
export function analyzeDocker(argv: readonly string[], aliases?: DockerAliases, buildkit?: string): CommandAnalysis {
  const globals = parseDockerGlobals(argv);
  if (globals.unknownAt) return unknownGlobal(argv, globals, aliases, buildkit);
  if (globals.error) return withNote(argv, globals.target, `docker refuses the command line: ${globals.error}`);
  if (globals.help) return withNote(argv, globals.target, 'help or version only');
  const commandAt = argv.length - globals.command.length;
  const readings = aliasReadings(argv, commandAt, aliases, buildkit)
    .map((r) => remapAnalysis(analyzeCommandWords(r.argv, commandAt, globals.target), r, argv));
  const plain = readings[0] as CommandAnalysis;
  const aliased = readings[1];
  if (!aliased || !needsJudgement(aliased) || needsJudgement(plain)) return plain;
  return { ...aliased, notes: [...aliased.notes, 'config.json aliases rewrite the command (docker/cli processAliases)'] };
}

function analyzeCommandWords(argv: readonly string[], commandAt: number, target: TargetFlags): CommandAnalysis {
  const [command, ...rest] = argv.slice(commandAt);
  if (command === 'compose') return { ...analyzeComposeV2('docker', argv, rest, target), commandAt };
  if (command === undefined) return emptyAnalysis('docker', argv, target);
  return analyzeLeaf(argv, target, commandAt);
}

function unknownGlobal(argv: readonly string[], globals: ReturnType<typeof parseDockerGlobals>, aliases?: DockerAliases, buildkit?: string): CommandAnalysis {
  const analysis = withNote(argv, globals.target, `docker refuses the command line: ${globals.error}`);
  const doubtful = anyDoubtful(repairs(argv, globals.unknownAt as { index: number }), (a) => needsJudgement(analyzeDocker(a, aliases, buildkit)));
  if (doubtful) analysis.uncertainties.push(cannotRead(`${globals.error} (docker refuses it unless this docker knows the flag)`));
  return analysis;
}

function analyzeLeaf(argv: readonly string[], target: TargetFlags, commandAt: number): CommandAnalysis {
  const analysis = { ...emptyAnalysis('docker', argv, target), commandAt };
  const command = argv[commandAt] as string;
  let name = command;
  let positions = argv.map((_, i) => i).slice(commandAt + 1);
  if (!destroysAt('docker', name)) {
    // cobra finds a group's subcommand as the first word that is not a flag.
    const index = positions.findIndex((p) => !(argv[p] as string).startsWith('-'));
    if (index < 0) return analysis;
    name = `${command} ${argv[positions[index] as number]}`;
    positions = positions.filter((_, i) => i !== index);
  }
  if (!destroysAt('docker', name)) return analysis;
  const args = positions.map((p) => argv[p] as string);
  const parsed = parsePflag(leafFlags(name), args, true, positions);
  if (parsed.unknownFlag && parsed.unknownAt) {
    // An unknown flag on a destroying command may be a newer spelling of the destroying flag.
    analysis.notes.push(`docker refuses the command line: ${parsed.error}`);
    analysis.uncertainties.push(cannotRead(`\`docker ${name}\` with an option compose-guard does not know (${parsed.unknownFlag})`));
    return analysis;
  }
  if (parsed.error) return withNote(argv, target, `docker refuses the command line: ${parsed.error}`);
  if (parsed.help) return withNote(argv, target, 'help only');
  const arity = ARITY[SAME_AS[name] ?? name];
  if (arity === 'none' && parsed.positionals.length > 0) return withNote(argv, target, `docker refuses the command line: \`docker ${name}\` accepts no arguments`);
  if (arity === 'some' && parsed.positionals.length === 0) return withNote(argv, target, `docker refuses the command line: \`docker ${name}\` requires at least 1 argument`);
  const probe = { on: (f: string) => isOn(parsed, f), sites: (f: string) => sitesOf(parsed, f) };
  const extra = name.endsWith('rm') || name.endsWith('remove')
    ? (name.startsWith('volume') ? { volumeNames: parsed.positionals } : { containers: parsed.positionals })
    : {};
  analysis.operations = operationsFound('docker', name, probe, extra);
  return analysis;
}

function withNote(argv: readonly string[], target: TargetFlags, note: string): CommandAnalysis {
  const analysis = emptyAnalysis('docker', argv, target);
  analysis.notes.push(note);
  return analysis;
}
