// The judge: reads the command, resolves what it would destroy, gathers the policy in force and
// decides. Takes argv, env, cwd, the host name, the clock and the terminal's presence as
// parameters; the engine connection and file access are injectable.
import { needsJudgement, type CommandAnalysis, type Tool } from './grammar/command.js';
import type { Env } from './host.js';
import { decide, type Decision } from './policy/decide.js';
import { connectEngine, type Engine } from './daemon/engine.js';
import { environmentTags, type EnvironmentTag } from './policy/tags.js';
import { analyzeCommand, type WrappedGeneration } from './grammar/analyze.js';
import { findPermit, permitDir, type Permit } from './policy/permits.js';
import { loadPolicy, realPolicyFs, withProjectPolicy, type Policy, type PolicyFs } from './policy/policy.js';
import { resolveTarget, type DaemonTarget } from './daemon/target.js';
import { emptyResolution, resolveVolumes, type Resolution } from './project/volumes.js';

export interface JudgeInputs {
  tool: Tool;
  argv: readonly string[];
  env: Env;
  cwd: string;
  hostname: string;
  now: Date;
  /** A person can be asked at a terminal. */
  interactive: boolean;
  fs?: PolicyFs;
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
  tags: EnvironmentTag[];
  decision: Decision;
  /** The allow-once permission matching this command, when there is one. */
  permit?: Permit;
  realBinary?: string;
}

export async function judge(inputs: JudgeInputs): Promise<Judgement> {
  const fs = inputs.fs ?? realPolicyFs;
  const readings = analyzeCommand(inputs.tool, inputs.argv, inputs.env, inputs.generation);
  const judged = readings.filter(needsJudgement);
  const analysis = judged.length > 0 ? mergeAnalyses(judged) : (readings[0] as CommandAnalysis);
  const target = resolveTarget(analysis.target, inputs.env, fs);
  let policy = loadPolicy(inputs.env, fs);
  let resolution = emptyResolution();
  let permit: Permit | undefined;
  if (judged.length > 0) {
    const engine = (inputs.connect ?? connectEngine)(target.endpoint, inputs.env);
    // Ask early: the engine answers while the compose files are read.
    engine?.volumes().catch(() => undefined);
    const resolved = await Promise.all(judged.map((a) => resolveVolumes(a, { env: inputs.env, cwd: inputs.cwd, fs, engine })));
    resolution = mergeResolutions(resolved);
    if (!engine && target.endpoint) resolution.notes.push(`the engine at ${target.endpoint} is not asked directly; answered from the files`);
    policy = withProjectPolicy(policy, resolution.project?.workingDir, fs);
    permit = findPermit(permitDir(inputs.env), permitRequest(inputs, analysis, resolution), inputs.now);
  }
  const tags = environmentTags(policy, inputs.hostname, target);
  const decision = decide(analysis, resolution, policy, { tags, interactive: inputs.interactive, permit: permit !== undefined });
  return { analysis, resolution, policy, target, tags, decision, permit, realBinary: inputs.realBinary };
}

export function permitRequest(inputs: Pick<JudgeInputs, 'hostname'>, analysis: CommandAnalysis, resolution: Resolution) {
  return { host: inputs.hostname, tool: analysis.tool, argv: [...analysis.argv], project: resolution.project?.name ?? null };
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
