// One entry for every shim: the tool's name picks the grammar.
import { convertStandalone } from './compose-v2.js';
import { analyzeComposeV1 } from './compose-v1.js';
import type { CommandAnalysis, ComposeGeneration, Tool } from './command.js';
import type { Env } from '../host.js';
import { analyzeDocker } from './docker.js';

/** `docker-compose` may be either generation; `unknown` reads it both ways. */
export type WrappedGeneration = ComposeGeneration | 'unknown';

export function analyzeCommand(tool: Tool, argv: readonly string[], env: Env, generation: WrappedGeneration = 'v2'): CommandAnalysis[] {
  if (tool === 'docker') return [analyzeDocker(argv)];
  const readings: CommandAnalysis[] = [];
  if (generation !== 'v1') readings.push(analyzeComposeV2Standalone(argv, env));
  if (generation !== 'v2') readings.push(analyzeComposeV1(argv));
  return readings;
}

function analyzeComposeV2Standalone(argv: readonly string[], env: Env): CommandAnalysis {
  // With this variable set (leaked from a docker CLI), v2 parses as a plugin: `[globals] compose …`.
  const dockerArgv = env.DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND ? argv : convertStandalone(argv);
  return { ...analyzeDocker(dockerArgv), tool: 'docker-compose', argv };
}
