// The plugin's answer to one Engine API request: the same policy files and the same decide()
// as the judge, fed with what the request would destroy. Everyday requests are answered at once
// without reading anything; only requests that can destroy volume data load the policy.
import type { CommandAnalysis, Operation } from '../../grammar/command.js';
import type { Env } from '../../host.js';
import { decide, type Decision } from '../../policy/decide.js';
import { loadPolicy, realPolicyFs, type Policy, type PolicyFs } from '../../policy/policy.js';
import { environmentTags, type EnvironmentTag } from '../../policy/tags.js';
import { emptyResolution, type Resolution } from '../../project/volumes.js';
import { EngineUnreachable, type Engine } from '../engine.js';
import type { DaemonTarget } from '../target.js';
import { anonymousVolumesOf } from './containers.js';
import type { Destruction, Grant, GrantStore } from './grants.js';
import { classifyRequest, type ApiRequest } from './routes.js';
import { refusalMessage } from './refusal.js';

export interface AuthzContext {
  env: Env;
  hostname: string;
  /** The engine this plugin guards: tags from `targets:` and the questions asked of it. */
  target: DaemonTarget;
  engine: Engine | undefined;
  grants: GrantStore;
  fs?: PolicyFs;
}

export interface AuthzAnswer {
  allow: boolean;
  msg?: string;
  /** Set for requests that can destroy volume data: what to record. */
  judged?: { request: ApiRequest; destruction: Destruction; decision: Decision; grant?: Grant; tags: EnvironmentTag[]; policy: Policy };
}

export async function authorize(method: string, uri: string, ctx: AuthzContext): Promise<AuthzAnswer> {
  const request = classifyRequest(method, uri);
  if (request.kind === 'harmless') return { allow: true };
  const { analysis, resolution, destruction } = await readDestruction(method, uri, request, ctx.engine);
  if (analysis.operations.length === 0 && analysis.uncertainties.length === 0) return { allow: true };
  const policy = loadPolicy(ctx.env, ctx.fs ?? realPolicyFs);
  const tags = environmentTags(policy, ctx.hostname, ctx.target);
  const situation = { tags, interactive: false, permit: false };
  let decision = decide(analysis, resolution, policy, situation);
  let grant: Grant | undefined;
  if (decision.verdict === 'allow') {
    // A grant for what goes ahead anyway is used up all the same: none outlives its deletion.
    grant = ctx.grants.take(destruction);
  } else if (resolution.uncertainties.length === 0) {
    grant = ctx.grants.take(destruction);
    // The judge let this command through, with whatever permit it needed: the grant stands for that.
    if (grant) decision = decide(analysis, resolution, policy, { ...situation, permit: true, permitByRoot: true });
  }
  const allow = decision.verdict === 'allow';
  const judged = { request, destruction, decision, grant, tags, policy };
  return allow ? { allow, judged } : { allow, judged, msg: refusalMessage(method, request, destruction, decision) };
}

interface Reading {
  analysis: CommandAnalysis;
  resolution: Resolution;
  destruction: Destruction;
}

async function readDestruction(method: string, uri: string, request: ApiRequest, engine: Engine | undefined): Promise<Reading> {
  const analysis: CommandAnalysis = { tool: 'docker', argv: [method, uri], operations: [], uncertainties: [], notes: [], target: {} };
  const resolution = emptyResolution();
  const destruction: Destruction = { volumes: [] };
  const op = (kind: Operation['kind'], summary: string, reaches: Operation['reaches']) => analysis.operations.push({ kind, summary, reaches });
  const named = (name: string, reason: string) => resolution.volumes.push({ name, services: [], reason });
  try {
    if (request.kind === 'unreadable') {
      analysis.uncertainties.push(request.why);
    } else if (request.kind === 'volume-rm') {
      op('volume-rm', `${method} /volumes/{name}`, 'named');
      named(request.volume, 'named in the request');
      destruction.volumes.push(request.volume);
    } else if (request.kind === 'volume-prune') {
      op('volume-prune', 'POST /volumes/prune', 'named');
      destruction.prune = true;
      if (!engine) throw new EngineUnreachable('no engine address to ask which volumes are unused');
      for (const v of await engine.volumes({ dangling: ['true'] })) {
        named(v.Name, 'unused, so pruned');
        destruction.volumes.push(v.Name);
      }
    } else if (request.kind === 'container-rm-volumes') {
      destruction.container = request.container;
      if (!engine) throw new EngineUnreachable('no engine address to ask for the container');
      const anonymous = await anonymousVolumesOf(engine, request.container);
      if (anonymous.length > 0) {
        op('container-rm-volumes', `${method} /containers/{id}?v=1`, 'anonymous');
        resolution.anonymousVolumes.push(...anonymous);
        destruction.volumes.push(...anonymous);
      }
    }
  } catch (error) {
    if (!(error instanceof EngineUnreachable)) throw error;
    if (request.kind === 'container-rm-volumes') op('container-rm-volumes', `${method} /containers/{id}?v=1`, 'anonymous');
    resolution.uncertainties.push(`the engine could not be asked: ${error.message}`);
  }
  return { analysis, resolution, destruction };
}
