// Which volumes a destructive command would delete, with the reason for each, as Compose
// resolves them: FILE MODE, NAME (label) MODE with its load-failure fallback, and v1.
import type { CommandAnalysis, ComposeInvocation } from '../grammar/command.js';
import type { Env } from '../host.js';
import { EngineUnreachable, type Engine, type EngineContainer } from '../daemon/engine.js';
import path from 'node:path';
import { CannotSee, GuardError } from '../errors.js';
import { loadProject, UnresolvableProject, type ProjectModel } from './load.js';
import type { ProjectFs } from '../host.js';
import { validProjectName } from './name.js';

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
  /** Where the project's own policy file would be, when the project did not load. */
  policyDir?: string;
}

export interface ResolveInputs {
  env: Env;
  cwd: string;
  fs: ProjectFs;
  /** The engine the command addresses, when it can be asked. */
  engine?: Engine;
}

const PROJECT_LABEL = 'com.docker.compose.project';
const SERVICE_LABEL = 'com.docker.compose.service';

export function emptyResolution(): Resolution {
  return { project: null, volumes: [], anonymousVolumes: [], uncertainties: [], notes: [] };
}

export async function resolveVolumes(analysis: CommandAnalysis, inputs: ResolveInputs): Promise<Resolution> {
  const resolution = emptyResolution();
  if (analysis.operations.length === 0) return resolution;
  try {
    for (const op of analysis.operations) {
      if (op.kind === 'volume-rm') await namedOnCommandLine(op.volumeNames ?? [], inputs, resolution);
      else if (op.kind === 'volume-prune' || op.kind === 'system-prune-volumes') await unusedVolumes(inputs, resolution);
      else if (op.kind === 'container-rm-volumes') resolution.notes.push('the anonymous volumes of the removed containers are deleted');
      else if (analysis.compose) await composeVolumes(analysis.compose, op.reaches === 'named', inputs, resolution);
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

async function composeVolumes(inv: ComposeInvocation, named: boolean, inputs: ResolveInputs, resolution: Resolution): Promise<void> {
  if (inv.generation === 'v2' && inv.files.length === 0 && inv.projectName) {
    if (!validProjectName(inv.projectName)) {
      resolution.uncertainties.push(`Compose refuses the project name "${inv.projectName}"`);
      return;
    }
    // Compose reads no file here; the project's own policy is looked for where the command runs.
    resolution.policyDir = likelyProjectDir(inv, inputs.cwd);
    await nameMode(inv.projectName, 'project named with -p and no -f', named, inputs, resolution);
    return;
  }
  let project: ProjectModel;
  try {
    project = loadProject({ invocation: inv, env: inputs.env, cwd: inputs.cwd, fs: inputs.fs });
  } catch (error) {
    if (!(error instanceof GuardError)) throw error;
    resolution.policyDir = likelyProjectDir(inv, inputs.cwd);
    if (error instanceof UnresolvableProject || error instanceof CannotSee) {
      resolution.uncertainties.push(error.message);
      return;
    }
    const fallback = inputs.env.COMPOSE_PROJECT_NAME;
    if (inv.generation === 'v2' && fallback) {
      // Compose v2 silently switches to the labels of COMPOSE_PROJECT_NAME when loading fails.
      resolution.notes.push(`the project does not load (${error.message}); Compose falls back to the project name`);
      await nameMode(fallback.toLowerCase(), 'COMPOSE_PROJECT_NAME after the files failed to load', named, inputs, resolution);
      return;
    }
    resolution.uncertainties.push(`the project could not be loaded: ${error.message}`);
    return;
  }
  resolution.project = { name: project.name, workingDir: project.workingDir, mode: 'file' };
  const unknown = inv.services.filter((s) => !project.services.some((svc) => svc.name === s));
  if (unknown.length > 0) {
    resolution.uncertainties.push(`no such service: ${unknown.join(', ')}`);
    return;
  }
  const enabled = enabledServices(project, inv);
  if (named) for (const volume of fileModeVolumes(project, inv, enabled)) resolution.volumes.push(volume);
  if (named && project.generation === 'v1') await preferLegacyNames(project, inputs.engine, resolution);
  // Two independent engine questions: ask both at once.
  await Promise.all([named ? markExisting(inputs.engine, resolution) : undefined, anonymousOf(project.name, enabled, inputs.engine, resolution)]);
}

/** The project directory as the command line names it (its own policy file applies there). */
export function likelyProjectDir(inv: ComposeInvocation, cwd: string): string {
  if (inv.projectDirectory) return path.resolve(cwd, inv.projectDirectory);
  const first = inv.files[0];
  return first && first !== '-' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(first) ? path.dirname(path.resolve(cwd, first)) : cwd;
}

/**
 * Services with no profile, and those of an active profile. A service named on the command line
 * activates all its profiles, which can enable other services too (checked against Compose v2.26).
 */
function enabledServices(project: ProjectModel, inv: ComposeInvocation): Set<string> {
  if (project.generation === 'v1') return new Set(project.services.map((s) => s.name));
  const requested = inv.profiles.length > 0
    ? inv.profiles
    : (project.env.COMPOSE_PROFILES ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  const named = project.services.filter((s) => inv.services.includes(s.name)).flatMap((s) => s.profiles);
  const active = new Set([...requested, ...named]);
  return new Set(project.services
    .filter((s) => s.profiles.length === 0 || active.has('*') || s.profiles.some((p) => active.has(p)))
    .map((s) => s.name));
}

function fileModeVolumes(project: ProjectModel, inv: ComposeInvocation, enabled: Set<string>): VolumeFinding[] {
  const users = (key: string): string[] =>
    project.services.filter((s) => enabled.has(s.name) && s.mounts.some((m) => m.type === 'volume' && m.source === key)).map((s) => s.name);
  return project.volumes
    .filter((v) => !v.external)
    .map((v) => ({ v, services: users(v.key) }))
    .filter(({ services }) => project.generation === 'v1' || inv.allResources || services.length > 0)
    .map(({ v, services }) => ({
      name: v.name,
      key: v.key,
      services,
      reason: services.length > 0 ? `declared and used by ${services.join(', ')}` : 'declared in the compose file',
    }));
}

async function nameMode(name: string, why: string, named: boolean, inputs: ResolveInputs, resolution: Resolution): Promise<void> {
  resolution.project = { name, workingDir: null, mode: 'name' };
  if (!inputs.engine) {
    resolution.uncertainties.push(`every volume labelled ${PROJECT_LABEL}=${name} would go (${why}), and the engine could not be asked which`);
    return;
  }
  if (named) {
    for (const v of await inputs.engine.volumes({ label: [`${PROJECT_LABEL}=${name}`] })) {
      const key = v.Labels?.['com.docker.compose.volume'];
      resolution.volumes.push({ name: v.Name, key, services: [], exists: true, reason: `labelled for project ${name} (${why})` });
    }
  }
  await anonymousOf(name, undefined, inputs.engine, resolution);
}

async function anonymousOf(project: string, services: Set<string> | undefined, engine: Engine | undefined, resolution: Resolution): Promise<void> {
  if (!engine) return;
  let containers: EngineContainer[];
  try {
    const asked = engine.containers({ label: [`${PROJECT_LABEL}=${project}`] });
    // In file mode the anonymous volumes are shown, not decided on: wait only briefly.
    containers = resolution.project?.mode === 'name' ? await asked : await soon(asked);
  } catch (error) {
    if (!(error instanceof EngineUnreachable) || resolution.project?.mode === 'name') throw error;
    return;
  }
  const named = new Set(resolution.volumes.map((v) => v.name));
  for (const c of containers) {
    if (services && !services.has(c.Labels[SERVICE_LABEL] ?? '')) continue;
    for (const m of c.Mounts) if (m.Type === 'volume' && m.Name && !named.has(m.Name) && /^[0-9a-f]{64}$/.test(m.Name)) resolution.anonymousVolumes.push(m.Name);
  }
}

/** v1 uses (and deletes) `<project without - and _>_<key>` when such a volume exists already. */
async function preferLegacyNames(project: ProjectModel, engine: Engine | undefined, resolution: Resolution): Promise<void> {
  // Which name v1 deletes depends on the answer: wait for it.
  const existing = await existingNames(engine, resolution, false);
  if (!existing) return;
  const legacyPrefix = project.name.replace(/[-_]/g, '');
  for (const finding of resolution.volumes) {
    const model = project.volumes.find((v) => v.key === finding.key);
    const legacy = `${legacyPrefix}_${finding.key}`;
    if (model && !model.explicitName && legacy !== finding.name && existing.has(legacy)) {
      finding.name = legacy;
      finding.reason = `${finding.reason}; Compose v1 uses the existing legacy name`;
    }
  }
}

/** How long a command waits for an engine answer that only adds detail to the report. */
export const DETAIL_WAIT_MS = 300;

function soon<T>(answer: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new EngineUnreachable(`no answer within ${DETAIL_WAIT_MS} ms, and the decision does not need it`)), DETAIL_WAIT_MS);
  });
  return Promise.race([answer, late]).finally(() => clearTimeout(timer));
}

async function existingNames(engine: Engine | undefined, resolution: Resolution, detailOnly = true): Promise<Set<string> | undefined> {
  if (!engine) return undefined;
  try {
    const asked = engine.volumes();
    return new Set((await (detailOnly ? soon(asked) : asked)).map((v) => v.Name));
  } catch (error) {
    if (!(error instanceof EngineUnreachable)) throw error;
    resolution.notes.push(`the engine could not be asked (${error.message}); answered from the files`);
    return undefined;
  }
}

async function markExisting(engine: Engine | undefined, resolution: Resolution): Promise<void> {
  const existing = await existingNames(engine, resolution);
  if (existing) for (const v of resolution.volumes) v.exists = existing.has(v.name);
}

function dedupe(volumes: VolumeFinding[]): VolumeFinding[] {
  const byName = new Map<string, VolumeFinding>();
  for (const v of volumes) if (!byName.has(v.name)) byName.set(v.name, v);
  return [...byName.values()];
}
