// Which volumes a destructive command would delete, with the reason for each, as Compose
// resolves them: FILE MODE, NAME (label) MODE with its load-failure fallback, and v1.
import type { CommandAnalysis, OperationKind } from '../grammar/command.js';
import { operationSpec } from '../grammar/operations.js';
import { composeAnonymous, containerAnonymous } from './engine-volumes.js';
import type { Env } from '../host.js';
import { EngineUnreachable, type Engine } from '../daemon/engine.js';
import type { ProjectFs } from '../host.js';
import { composeVolumes } from './compose-volumes.js';

export { likelyProjectDir } from './compose-volumes.js';

export interface VolumeFinding {
  /** The engine's volume name, e.g. `huangpu_postgres`. */
  name: string;
  /** The compose file's key for it, when it comes from a file. */
  key?: string;
  services: string[];
  /** Whether the engine has it now; undefined when the engine was not asked. */
  exists?: boolean;
  reason: string;
}

export interface Resolution {
  project: { name: string; workingDir: string | null; mode: 'file' | 'name' } | null;
  volumes: VolumeFinding[];
  anonymousVolumes: string[];
  /** What could not be resolved: a protected host stops the command. */
  uncertainties: string[];
  notes: string[];
  /** Operations the engine shows to destroy nothing here (`rm -v` of containers without anonymous volumes). */
  harmless: OperationKind[];
  /** Where the project's own policy file would be, when the project did not load. */
  policyDir?: string;
}

export interface ResolveInputs {
  env: Env;
  cwd: string;
  fs: ProjectFs;
  /** The engine the command addresses, when it can be asked. */
  engine?: Engine;
  /**
   * The Compose v2 version the command runs (`2.40.3`); null or absent when unknown, which
   * resolves with every modelled version's rules and takes the union.
   */
  composeVersion?: string | null;
}

export const PROJECT_LABEL = 'com.docker.compose.project';
export const SERVICE_LABEL = 'com.docker.compose.service';

export function emptyResolution(): Resolution {
  return { project: null, volumes: [], anonymousVolumes: [], uncertainties: [], notes: [], harmless: [] };
}

export async function resolveVolumes(analysis: CommandAnalysis, inputs: ResolveInputs): Promise<Resolution> {
  const resolution = emptyResolution();
  if (analysis.operations.length === 0) return resolution;
  try {
    for (const op of analysis.operations) {
      const how = operationSpec(op.kind).resolve;
      if (how === 'volume-names') await namedOnCommandLine(op.volumeNames ?? [], inputs, resolution);
      else if (how === 'unused-volumes') await unusedVolumes(inputs, resolution);
      else if (how === 'container-anonymous') await containerAnonymous(op, inputs, resolution);
      else if (how === 'compose-anonymous' && analysis.compose) await composeAnonymous(op, analysis.compose, inputs, resolution, composeVolumes);
      else if (analysis.compose) await composeVolumes(analysis.compose, op, inputs, resolution);
    }
  } catch (error) {
    if (!(error instanceof EngineUnreachable)) throw error;
    resolution.uncertainties.push(`the engine could not be asked: ${error.message}`);
  }
  resolution.volumes = dedupe(resolution.volumes);
  return resolution;
}

async function namedOnCommandLine(names: string[], inputs: ResolveInputs, resolution: Resolution): Promise<void> {
  const existing = await existingNames(inputs.engine, resolution);
  for (const name of names) resolution.volumes.push({ name, services: [], exists: existing?.has(name), reason: 'named on the command line' });
}

async function unusedVolumes(inputs: ResolveInputs, resolution: Resolution): Promise<void> {
  if (!inputs.engine) {
    resolution.notes.push('every volume no container uses (the engine could not be asked which)');
    return;
  }
  const unused = await inputs.engine.volumes({ dangling: ['true'] });
  for (const v of unused) resolution.volumes.push({ name: v.Name, services: [], exists: true, reason: 'unused, so pruned' });
  if (unused.length === 0) resolution.notes.push('every volume no container uses (none right now; any a stopped or removed container releases)');
}

export async function existingNames(engine: Engine | undefined, resolution: Resolution, detailOnly = true): Promise<Set<string> | undefined> {
  if (!engine) return undefined;
  try {
    const asked = engine.volumes();
    return new Set((await (detailOnly ? soon(asked, engine.detailWaitMs) : asked)).map((v) => v.Name));
  } catch (error) {
    if (!(error instanceof EngineUnreachable)) throw error;
    resolution.notes.push(`the engine could not be asked (${error.message}); answered from the files`);
    return undefined;
  }
}

export async function markExisting(engine: Engine | undefined, resolution: Resolution, detailOnly = true): Promise<void> {
  const existing = await existingNames(engine, resolution, detailOnly);
  if (existing) for (const v of resolution.volumes) v.exists = existing.has(v.name);
}

/** How long a command waits for an engine answer that only adds detail to the report (an engine's own `detailWaitMs` otherwise). */
export const DETAIL_WAIT_MS = 300;

export function soon<T>(answer: Promise<T>, waitMs = DETAIL_WAIT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new EngineUnreachable(`no answer within ${waitMs} ms, and the decision does not need it`)), waitMs);
  });
  return Promise.race([answer, late]).finally(() => clearTimeout(timer));
}

function dedupe(volumes: VolumeFinding[]): VolumeFinding[] {
  const byName = new Map<string, VolumeFinding>();
  for (const v of volumes) if (!byName.has(v.name)) byName.set(v.name, v);
  return [...byName.values()];
}
