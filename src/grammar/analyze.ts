// One entry for every shim: the tool's name picks the grammar. A `docker-compose` whose
// generation is unknown (a wrapper script, an unrecognised binary) is read every plausible way.
import { convertStandaloneMapped } from './compose-v2.js';
import { analyzeComposeV1 } from './compose-v1.js';
import type { CommandAnalysis, ComposeGeneration, Tool } from './command.js';
import type { Env, ProjectFs } from '../host.js';
import { analyzeDocker, parseDockerGlobals } from './docker.js';
import { dockerConfigDir, readDockerAliases } from './aliases.js';
import { remapAnalysis, type Rewritten } from './remap.js';

/** `docker-compose` may be either generation; `unknown` reads it every way. */
export type WrappedGeneration = ComposeGeneration | 'unknown';

/**
 * The readings of a command line, each a full analysis; the judge takes the wider answer.
 * With `fs`, the docker CLI's config.json aliases are read too.
 */
export function analyzeCommand(tool: Tool, argv: readonly string[], env: Env, generation: WrappedGeneration = 'v2', fs?: ProjectFs): CommandAnalysis[] {
  if (tool === 'docker') {
    const aliases = fs && readDockerAliases(dockerConfigDir(parseDockerGlobals(argv).target.configDir, env), fs);
    return [analyzeDocker(argv, aliases, env.DOCKER_BUILDKIT)];
  }
  const readings: CommandAnalysis[] = [];
  if (generation !== 'v1') readings.push(analyzeComposeV2Standalone(argv, env));
  if (generation !== 'v2') readings.push(analyzeComposeV1(argv));
  if (generation === 'unknown') readings.push(analyzeWrapper(argv));
  return readings;
}

function analyzeComposeV2Standalone(argv: readonly string[], env: Env): CommandAnalysis {
  // With this variable set (leaked from a docker CLI), v2 parses as a plugin: `[globals] compose …`.
  const rewritten: Rewritten = env.DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND ? { argv: [...argv], from: argv.map((_, i) => i) } : convertStandaloneMapped(argv);
  return { ...remapAnalysis(analyzeDocker(rewritten.argv), rewritten, argv), tool: 'docker-compose' };
}

/** A script that runs `docker compose "$@"`, installed as docker-compose. */
function analyzeWrapper(argv: readonly string[]): CommandAnalysis {
  const rewritten: Rewritten = { argv: ['compose', ...argv], from: [-1, ...argv.map((_, i) => i)] };
  const analysis = remapAnalysis(analyzeDocker(rewritten.argv), rewritten, argv);
  return { ...analysis, tool: 'docker-compose', commandAt: undefined };
}
