// Judging a command line typed after `--`, shared by `check`, `shim` and `allow-once`.
import { isTool, type Tool } from '../../grammar/command.js';
import type { CliIo } from '../io.js';
import { judge, type Judgement } from '../../judge.js';
import { composeGeneration, findRealBinary } from '../real-binary.js';
import { UsageError } from '../spec/parse.js';
import { permitStore } from '../store.js';
import { composeDetector } from '../compose-detect.js';

export { isTool };

/** The docker or docker-compose command line after `--`. */
export function toolCommand(command: readonly string[] | undefined): { tool: Tool; argv: string[] } {
  const [tool, ...argv] = command ?? [];
  if (command === undefined) throw new UsageError('the command line goes after --');
  if (!isTool(tool)) throw new UsageError(`the command after -- must start with docker or docker-compose${tool === undefined ? '' : ` (not "${tool}")`}`);
  return { tool, argv };
}

/** `remember: false` (check) leaves the Compose version cache as it is. */
export async function judgeCommand(io: CliIo, tool: Tool, argv: string[], options: { realBinary?: string; interactive: boolean; remember?: boolean }): Promise<Judgement> {
  const realBinary = options.realBinary ?? findRealBinary(tool, io.env);
  const generation = tool === 'docker-compose' ? composeGeneration(realBinary) : 'v2';
  const compose = composeDetector(tool, realBinary, io.env, options.remember ?? true);
  return judge({ tool, argv, env: io.env, cwd: io.cwd, hostname: io.hostname, now: io.now(), interactive: options.interactive, realBinary, generation, permits: permitStore(io), compose });
}
