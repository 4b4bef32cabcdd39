// The judge: reads the command, resolves what it would destroy, gathers the policy in force and
// decides. Takes argv, env, cwd, the host name, the clock and the terminal's presence as
// parameters; the engine connection and file access are injectable.
//
// It always ends in decide() with the whole policy. A step that throws or runs out of time
// leaves an uncertainty (or a broken policy) in its place, never a rule of its own: an
// uncertainty stops a volume-destroying command wherever the policy does not plainly allow it.
import { emptyAnalysis, needsJudgement, type CommandAnalysis, type Tool } from './grammar/command.js';
import { safeAlternatives } from './grammar/alternatives.js';
import { logicalCwd } from './project/logical-cwd.js';
import { readingEnv, readingTarget } from './daemon/reading-target.js';
import { mergeAnalyses, mergeResolutions, unionTags, withoutHarmless } from './readings.js';
import type { Env } from './host.js';
import { decide, type Decision } from './policy/decide.js';
import { connectEngine, engineWhere, type Engine } from './daemon/engine.js';
import { environmentTags, type EnvironmentTag } from './policy/tags.js';
import { analyzeCommand, type WrappedGeneration } from './grammar/analyze.js';
import type { Permit, PermitRequest } from './policy/permits.js';
import type { PermitStore } from './policy/permit-store.js';
import { loadPolicy, realPolicyFs, withProjectPolicy, type Policy, type PolicyFs } from './policy/policy.js';
import { unknownTarget, type DaemonTarget } from './daemon/target.js';
import { emptyResolution, likelyProjectDir, resolveVolumes, type Resolution } from './project/volumes.js';
import { boundedInTime, messageOf, withinDeadline } from './deadline.js';
import type { ComposeRelease } from './project/compose-version.js';

/** Resolution (files and engine) must be done by then; the verdict follows at once. */
export const JUDGE_DEADLINE_MS = 2500;

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
  /** The engine as the judgement reached it (the reading's own settings: Compose v1's `.env` too), for the report's detail. */
  engine?: Engine;
}

export async function judge(inputs: JudgeInputs): Promise<Judgement> {
  const clock = inputs.clock ?? (() => Number(process.hrtime.bigint()) / 1e6);
  const deadlineMs = inputs.deadlineMs ?? JUDGE_DEADLINE_MS;
  const fs = boundedInTime(inputs.fs ?? realPolicyFs, clock() + deadlineMs, clock);
  const read = (argv: readonly string[]) => analyzeCommand(inputs.tool, argv, inputs.env, inputs.generation, fs);
  const { judged, ...command } = readCommand(inputs, read);
  let analysis = command.analysis;
  // Compose v2 names projects from the logical $PWD; each reading addresses its own daemon (v1 reads .env).
  const cwd = attempt(() => logicalCwd(inputs.cwd, inputs.env), () => inputs.cwd);
  const targetOf = (a: CommandAnalysis) => attempt(() => readingTarget(a, inputs.env, cwd, fs), (e) => unknownTarget(messageOf(e)));
  const targets = needsJudgement(analysis) ? judged.map(targetOf) : [targetOf(analysis)];
  const target = targets[0] ?? targetOf(analysis);
  let policy = attempt(() => loadPolicy(inputs.env, fs), (e) => ({ files: [], errors: [`the policy could not be read: ${messageOf(e)}`] }));
  let resolution = emptyResolution();
  let permit: Permit | undefined;
  let compose: ComposeRelease | undefined;
  let engine: Engine | undefined;
  if (needsJudgement(analysis)) {
    const detect = inputs.compose;
    const judgedNow = analysis;
    const detected = judgedNow.compose && detect ? attempt(() => detect(judgedNow), () => undefined) : undefined;
    // One engine client for the judgement, however many times it resolves: the volume list is asked for once.
    const reach = reachEngine(inputs, judged, target, fs, cwd);
    if ('engine' in reach) engine = reach.engine;
    // Compose v2 readings follow that version's rules; an unknown version follows all of them.
    const resolveWith = (release: ComposeRelease | undefined) =>
      resolve(inputs, judged, target, reach, fs, cwd, release?.generation === 'v2' ? release.version : null);
    const resolved = (async (): Promise<Resolution[]> => {
      if (!(detected instanceof Promise)) {
        compose = detected;
        return resolveWith(detected);
      }
      // Not known yet: resolve by every version's rules while the binary is asked, then by its own.
      const [union, release] = await Promise.all([resolveWith(undefined), detected.catch(() => undefined)]);
      compose = release;
      return release?.generation === 'v2' && release.version ? resolveWith(release) : union;
    })();
    const readings = await withinDeadline(resolved, deadlineMs, (reason) => [unresolved(judgedNow, inputs.cwd, reason)]);
    resolution = mergeResolutions(readings);
    analysis = withoutHarmless(analysis, judged, readings);
    const projectDir = resolution.project?.workingDir ?? resolution.policyDir;
    policy = attempt(() => withProjectPolicy(policy, projectDir, fs), (e) => ({ ...policy, errors: [...policy.errors, `the project's policy could not be read: ${messageOf(e)}`] }));
    permit = attempt(() => inputs.permits?.find(permitRequest(inputs, target, analysis, resolution), inputs.now), () => undefined);
  }
  const tags = unionTags(targets.map((t) => environmentTags(policy, inputs.hostname, t)));
  const destroys = (argv: string[]) => attempt(() => read(argv).some((a) => a.operations.length > 0), () => true);
  const alternatives = needsJudgement(analysis) ? attempt(() => safeAlternatives(analysis, destroys), () => undefined) : undefined;
  const decision = decide(analysis, resolution, policy, { tags, interactive: inputs.interactive, permit: permit !== undefined, permitByRoot: permit?.uid === 0, alternatives });
  return { analysis, resolution, policy, target, tags, decision, permit, realBinary: inputs.realBinary, compose, engine };
}

/** The command's readings (v1 and v2 for an unknown Compose); one the grammar cannot finish is an uncertainty. */
function readCommand(inputs: JudgeInputs, read: (argv: readonly string[]) => CommandAnalysis[]): { analysis: CommandAnalysis; judged: CommandAnalysis[] } {
  try {
    const readings = read(inputs.argv);
    const judged = readings.filter(needsJudgement);
    return { analysis: judged.length > 0 ? mergeAnalyses(judged) : (readings[0] as CommandAnalysis), judged };
  } catch (error) {
    const analysis = emptyAnalysis(inputs.tool, inputs.argv);
    analysis.uncertainties.push(`the command line could not be read (${messageOf(error)})`);
    return { analysis, judged: [analysis] };
  }
}

/** The engine the judgement asks (none: answered from the files), or why no client could be built. */
type Reach = { engine: Engine | undefined } | { failed: unknown };

/** Reached as the reading that chose the target reaches it (Compose v1: TLS settings from .env too). */
function reachEngine(inputs: JudgeInputs, judged: CommandAnalysis[], target: DaemonTarget, fs: PolicyFs, cwd: string): Reach {
  try {
    const env = attempt(() => readingEnv(judged[0] as CommandAnalysis, inputs.env, cwd, fs), () => inputs.env);
    return { engine: inputs.connect ? inputs.connect(target.endpoint, inputs.env) : connectEngine(target.endpoint, env, undefined, engineWhere((judged[0] as CommandAnalysis).target, target.context)) };
  } catch (failed) {
    return { failed };
  }
}

/** Each reading resolved on its own (Compose v1 from the physical directory, v2 from the logical one). */
async function resolve(inputs: JudgeInputs, judged: CommandAnalysis[], target: DaemonTarget, reach: Reach, fs: PolicyFs, cwd: string, composeVersion: string | null): Promise<Resolution[]> {
  try {
    // A client that could not be built leaves each resolve the same doubt.
    if ('failed' in reach) throw reach.failed;
    const { engine } = reach;
    // Ask early: the engine answers while the compose files are read. Reading them is synchronous,
    // so let one turn of the event loop pass first: the connection opens and the request goes out.
    if (engine) {
      engine.volumes().catch(() => undefined);
      await new Promise((next) => setImmediate(next));
    }
    const resolved = await Promise.all(judged.map((a) => resolveVolumes(a, { env: inputs.env, cwd: a.compose?.generation === 'v1' ? inputs.cwd : cwd, fs, engine, composeVersion })));
    if (!engine && target.endpoint) resolved[0]?.notes.push(`the engine at ${target.endpoint} is not asked directly; answered from the files`);
    return resolved;
  } catch (error) {
    return [unresolved(judged[0] as CommandAnalysis, inputs.cwd, `what it would destroy could not be worked out (${messageOf(error)})`)];
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
