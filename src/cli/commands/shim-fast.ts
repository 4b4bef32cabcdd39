// The shortest path through the judge: a command line that no reading can make destroy volume
// data (`docker rm CTR`, `docker image prune`, `docker network rm NET`, which reach the judge
// only because the shim's trigger words are coarse) goes ahead on the grammar alone. No policy,
// no YAML, no engine; the modules for those are not even loaded.
import { analyzeCommand } from '../../grammar/analyze.js';
import { isTool, needsJudgement } from '../../grammar/command.js';
import { realFs, type Env } from '../../host.js';
import { composeGeneration } from '../real-binary.js';

/**
 * True when `shim TOOL REAL -- ARGS…` names a command that cannot destroy volume data under any
 * reading. False for anything else, including malformed arguments and a grammar failure: those
 * take the full judgement, which decides (and explains) them.
 */
export function harmlessShimCommand(args: readonly string[], env: Env): boolean {
  const [tool, realBinary, dashDash, ...argv] = args;
  if (!isTool(tool) || realBinary === undefined || dashDash !== '--') return false;
  try {
    const generation = tool === 'docker-compose' ? composeGeneration(realBinary) : 'v2';
    // With the file system: docker's config.json aliases can turn `builder` into `compose`.
    return analyzeCommand(tool, argv, env, generation, realFs).every((a) => !needsJudgement(a));
  } catch {
    return false;
  }
}
