// The judge: reads the command, resolves what it would destroy, gathers the policy in force and
// decides. Takes argv, env, cwd, the host name, the clock and the terminal's presence as
// parameters; the engine connection and file access are injectable.
//
// It always ends in decide() with the whole policy. A step that throws or runs out of time
// leaves an uncertainty (or a broken policy) in its place, never a rule of its own: an
// uncertainty stops a volume-destroying command wherever the policy does not plainly allow it.
import { emptyAnalysis, needsJudgement, type CommandAnalysis, type Tool } from './grammar/command.js';
import type { Env } from './host.js';
import { decide, type Decision } from './policy/decide.js';
import { connectEngine, type Engine } from './daemon/engine.js';
import { environmentTags, type EnvironmentTag } from './policy/tags.js';
import { analyzeCommand, type WrappedGeneration } from './grammar/analyze.js';
import type { Permit, PermitRequest } from './policy/permits.js';
import type { PermitStore } from './policy/permit-store.js';
import { loadPolicy, realPolicyFs, withProjectPolicy, type Policy, type PolicyFs } from './policy/policy.js';
import { resolveTarget, unknownTarget, type DaemonTarget } from './daemon/target.js';
import { emptyResolution, likelyProjectDir, resolveVolumes, type Resolution } from './project/volumes.js';
import { boundedInTime, messageOf, withinDeadline } from './deadline.js';
import type { ComposeRelease } from './project/compose-version.js';

/** Resolution (files and engine) must be done by then; the verdict follows at once. */
export const JUDGE_DEADLINE_MS = 3000;

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
  /** Milliseconds the resolution may take (default JUDGE_DEADLINE_MS). */
  deadlineMs?: number;
  /** Milliseconds on a monotonic clock (default process.hrtime, which unlike performance.now loads nothing). */
  clock?: () => number;
  /** Where allow-once permits are looked up (read only); none: no permit applies. */
  permits?: Pick<PermitStore, 'find'>;
  /** Which Compose the command runs (asked only when a compose command must be judged). */
  compose?: (analysis: CommandAnalysis) => ComposeRelease | Promise<ComposeRelease>;
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
  /** The Compose that runs the command, when it is a compose command that was judged. */
  compose?: ComposeRelease;
}

export async function judge(inputs: JudgeInputs): Promise<Judgement> {
  const clock = inputs.clock ?? (() => Number(process.hrtime.bigint()) / 1e6);
  const deadlineMs = inputs.deadlineMs ?? JUDGE_DEADLINE_MS;
  const fs = boundedInTime(inputs.fs ?? realPolicyFs, clock() + deadlineMs, clock);
  const { analysis, judged } = readCommand(inputs);
  const target = attempt(() => resolveTarget(analysis.target, inputs.env, fs), (e) => unknownTarget(messageOf(e)));
  let policy = attempt(() => loadPolicy(inputs.env, fs), (e) => ({ files: [], errors: [`the policy could not be read: ${messageOf(e)}`] }));
  let resolution = emptyResolution();
  let permit: Permit | undefined;
  let compose: ComposeRelease | undefined;
  if (needsJudgement(analysis)) {
    const detect = inputs.compose;
    const detected = analysis.compose && detect ? attempt(() => detect(analysis), () => undefined) : undefined;
    // Compose v2 readings follow that version's rules; an unknown version follows all of them.
    const resolveWith = (release: ComposeRelease | undefined) =>
      resolve(inputs, analysis, judged, target, fs, release?.generation === 'v2' ? release.version : null);
    const resolved = (async (): Promise<Resolution> => {
      if (!(detected instanceof Promise)) {
        compose = detected;
        return resolveWith(detected);
      }
      // Not known yet: resolve by every version's rules while the binary is asked, then by its own.
      const [union, release] = await Promise.all([resolveWith(undefined), detected.catch(() => undefined)]);
      compose = release;
      return release?.generation === 'v2' && release.version ? resolveWith(release) : union;
    })();
    resolution = await withinDeadline(resolved, deadlineMs, (reason) => unresolved(analysis, inputs.cwd, reason));
    const projectDir = resolution.project?.workingDir ?? resolution.policyDir;
    policy = attempt(() => withProjectPolicy(policy, projectDir, fs), (e) => ({ ...policy, errors: [...policy.errors, `the project's policy could not be read: ${messageOf(e)}`] }));
    permit = attempt(() => inputs.permits?.find(permitRequest(inputs, target, analysis, resolution), inputs.now), () => undefined);
  }
  const tags = environmentTags(policy, inputs.hostname, target);
  const decision = decide(analysis, resolution, policy, { tags, interactive: inputs.interactive, permit: permit !== undefined, permitByRoot: permit?.uid === 0 });
  return { analysis, resolution, policy, target, tags, decision, permit, realBinary: inputs.realBinary, compose };
}

/** The command's readings (v1 and v2 for an unknown Compose); one the grammar cannot finish is an uncertainty. */
function readCommand(inputs: JudgeInputs): { analysis: CommandAnalysis; judged: CommandAnalysis[] } {
  try {
    const readings = analyzeCommand(inputs.tool, inputs.argv, inputs.env, inputs.generation);
    const judged = readings.filter(needsJudgement);
    return { analysis: judged.length > 0 ? mergeAnalyses(judged) : (readings[0] as CommandAnalysis), judged };
  } catch (error) {
    const analysis = emptyAnalysis(inputs.tool, inputs.argv);
    analysis.uncertainties.push(`the command line could not be read (${messageOf(error)})`);
    return { analysis, judged: [analysis] };
  }
}

async function resolve(inputs: JudgeInputs, analysis: CommandAnalysis, judged: CommandAnalysis[], target: DaemonTarget, fs: PolicyFs, composeVersion: string | null): Promise<Resolution> {
  try {
    const asksEngine = analysis.operations.some((o) => o.kind !== 'container-rm-volumes');
    const engine = asksEngine ? (inputs.connect ?? connectEngine)(target.endpoint, inputs.env) : undefined;
    // Ask early: the engine answers while the compose files are read.
    engine?.volumes().catch(() => undefined);
    const resolved = await Promise.all(judged.map((a) => resolveVolumes(a, { env: inputs.env, cwd: inputs.cwd, fs, engine, composeVersion })));
    const resolution = mergeResolutions(resolved);
    if (!engine && target.endpoint && asksEngine) resolution.notes.push(`the engine at ${target.endpoint} is not asked directly; answered from the files`);
    return resolution;
  } catch (error) {
    return unresolved(analysis, inputs.cwd, `what it would destroy could not be worked out (${messageOf(error)})`);
  }
}

function unresolved(analysis: CommandAnalysis, cwd: string, reason: string): Resolution {
  const resolution = emptyResolution();
  resolution.uncertainties.push(reason);
  if (analysis.compose) resolution.policyDir = likelyProjectDir(analysis.compose, cwd);
  return resolution;
}

function attempt<T>(step: () => T, instead: (error: unknown) => T): T {
  try {
    return step();
  } catch (error) {
    return instead(error);
  }
}

/** What a permit must be bound to for this command. */
export function permitRequest(inputs: Pick<JudgeInputs, 'hostname' | 'cwd'>, target: DaemonTarget, analysis: CommandAnalysis, resolution: Resolution): PermitRequest {
  return {
    host: inputs.hostname, target: { context: target.context, endpoint: target.endpoint ?? null },
    tool: analysis.tool, argv: [...analysis.argv], project: resolution.project?.name ?? null, cwd: inputs.cwd,
  };
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
    merged.policyDir ??= r.policyDir;
    for (const v of r.volumes) if (!merged.volumes.some((m) => m.name === v.name)) merged.volumes.push(v);
    for (const a of r.anonymousVolumes) if (!merged.anonymousVolumes.includes(a)) merged.anonymousVolumes.push(a);
    merged.uncertainties.push(...r.uncertainties);
    merged.notes.push(...r.notes);
  }
  return merged;
}
