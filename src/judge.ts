// The judge: reads the command, resolves what it would destroy, and decides. Takes argv, env
// and cwd as parameters; the engine connection is injectable so tests can supply their own.
import { needsJudgement, type CommandAnalysis, type Tool } from './command.js';
import type { Env } from './compose-env.js';
import { decide, type Decision } from './decide.js';
import { connectEngine, type Engine } from './engine.js';
import { analyzeCommand, type WrappedGeneration } from './grammar.js';
import { loadPolicy, type Policy } from './policy.js';
import { realFs, type ProjectFs } from './project-fs.js';
import { resolveTarget, type DaemonTarget } from './target.js';
import { emptyResolution, resolveVolumes, type Resolution } from './volumes.js';

export interface JudgeInputs {
  tool: Tool;
  argv: readonly string[];
  env: Env;
  cwd: string;
  fs?: ProjectFs;
  /** The real program the command would run. */
  realBinary?: string;
  /** Which Compose `docker-compose` is; `unknown` reads the command both ways. */
  generation?: WrappedGeneration;
  connect?: (endpoint: string | undefined, env: Env) => Engine | undefined;
}

export interface Judgement {
  analysis: CommandAnalysis;
  resolution: Resolution;
  policy: Policy;
  target: DaemonTarget;
  decision: Decision;
  realBinary?: string;
}

export async function judge(inputs: JudgeInputs): Promise<Judgement> {
  const fs = inputs.fs ?? realFs;
  const readings = analyzeCommand(inputs.tool, inputs.argv, inputs.env, inputs.generation);
  const judged = readings.filter(needsJudgement);
  const analysis = judged.length > 0 ? mergeAnalyses(judged) : (readings[0] as CommandAnalysis);
  const target = resolveTarget(analysis.target, inputs.env, fs);
  const policy = loadPolicy(inputs.env, fs);
  let resolution = emptyResolution();
  if (judged.length > 0) {
    const engine = (inputs.connect ?? connectEngine)(target.endpoint, inputs.env);
    const resolved = await Promise.all(judged.map((a) => resolveVolumes(a, { env: inputs.env, cwd: inputs.cwd, fs, engine })));
    resolution = mergeResolutions(resolved);
    if (!engine && target.endpoint) resolution.notes.push(`the engine at ${target.endpoint} is not asked directly; answered from the files`);
  }
  const decision = decide(analysis, resolution, policy);
  return { analysis, resolution, policy, target, decision, realBinary: inputs.realBinary };
}

/** Two readings of one command line (Compose v1 and v2) combine into the wider one. */
function mergeAnalyses(readings: CommandAnalysis[]): CommandAnalysis {
  const [first, ...rest] = readings as [CommandAnalysis, ...CommandAnalysis[]];
  return rest.reduce((acc, r) => ({
    ...acc,
    operations: [...acc.operations, ...r.operations.filter((o) => !acc.operations.some((a) => a.kind === o.kind))],
    uncertainties: [...acc.uncertainties, ...r.uncertainties],
    notes: [...acc.notes, ...r.notes],
    compose: acc.compose ?? r.compose,
  }), first);
}

function mergeResolutions(resolutions: Resolution[]): Resolution {
  const merged = emptyResolution();
  for (const r of resolutions) {
    merged.project ??= r.project;
    for (const v of r.volumes) if (!merged.volumes.some((m) => m.name === v.name)) merged.volumes.push(v);
    for (const a of r.anonymousVolumes) if (!merged.anonymousVolumes.includes(a)) merged.anonymousVolumes.push(a);
    merged.uncertainties.push(...r.uncertainties);
    merged.notes.push(...r.notes);
  }
  return merged;
}
