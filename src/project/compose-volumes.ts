// What a compose command deletes, as the Compose version that runs it resolves it: FILE MODE
// with that version's rules and schema, NAME MODE, and the fallback to COMPOSE_PROJECT_NAME's
// labels when the files fail to load. An unknown version is resolved with every modelled rule set
// and the union is taken.
import path from 'node:path';
import type { ComposeInvocation, Operation } from '../grammar/command.js';
import { EngineUnreachable, type Engine, type EngineContainer, type EngineVolume } from '../daemon/engine.js';
import { CannotSee, GuardError } from '../errors.js';
import { ruleSets, type ComposeRules } from './compose-rules.js';
import { actedOn, fileModeVolumes } from './compose-services.js';
import { loadProject, type ProjectModel } from './load.js';
import { anonymousOf, nameMode, preferLegacyNames } from './name-mode.js';
import { validProjectName } from './name.js';
import { projectEnvironment, UnresolvableProject } from './project-env.js';
import { loadValidators, type Validators } from './schema-validate.js';
import { emptyResolution, markExisting, PROJECT_LABEL, SERVICE_LABEL, type Resolution, type ResolveInputs } from './volumes.js';

export async function composeVolumes(inv: ComposeInvocation, op: Operation, inputs: ResolveInputs, resolution: Resolution): Promise<void> {
  if (inv.generation === 'v1') return composeWith(undefined, undefined, inv, op, inputs, resolution);
  const sets = ruleSets(inputs.composeVersion ?? null);
  const validators = await loadValidators(sets.map((r) => r.schema));
  const engine = inputs.engine && askOnce(inputs.engine);
  const results = await Promise.all(sets.map(async (rules) => {
    const r = emptyResolution();
    try {
      await composeWith(rules, validators, inv, op, { ...inputs, engine }, r);
    } catch (error) {
      // What was learnt before the engine failed (the project's name) still counts.
      if (!(error instanceof EngineUnreachable)) throw error;
      r.uncertainties.push(`the engine could not be asked: ${error.message}`);
    }
    return r;
  }));
  mergeInto(resolution, results);
  if (sets.length > 1 && new Set(results.map((r) => r.volumes.map((v) => v.name).sort().join(' '))).size > 1) {
    resolution.notes.push(`the Compose version is unknown and versions differ here: every volume one of ${sets.map((s) => s.version).join(', ')} would delete is named`);
  }
}

async function composeWith(rules: ComposeRules | undefined, validators: Validators | undefined, inv: ComposeInvocation, op: Operation, inputs: ResolveInputs, resolution: Resolution): Promise<void> {
  const named = op.reaches === 'named';
  if (op.kind === 'compose-up-recreate-volumes' && rules && !rules.upYes) {
    resolution.notes.push(`Compose ${rules.version} has no \`${op.summary.replace(/^compose /, '')}\` flag: it refuses the command`);
    return;
  }
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
  const loadInputs = { invocation: inv, env: inputs.env, cwd: inputs.cwd, fs: inputs.fs, rules, validators };
  let project: ProjectModel;
  try {
    project = loadProject(loadInputs);
  } catch (error) {
    if (!(error instanceof GuardError)) throw error;
    resolution.policyDir = likelyProjectDir(inv, inputs.cwd);
    if (error instanceof UnresolvableProject || error instanceof CannotSee) {
      resolution.uncertainties.push(error.message);
      return;
    }
    const fallback = inv.generation === 'v2' ? fallbackName(loadInputs) : undefined;
    if (fallback) {
      // Compose v2 silently switches to the labels of COMPOSE_PROJECT_NAME (from the shell or a
      // `.env` it read) when loading fails.
      resolution.notes.push(`the project does not load (${error.message}); Compose falls back to the project name`);
      await nameMode(fallback.name.toLowerCase(), `COMPOSE_PROJECT_NAME from ${fallback.from} after the files failed to load`, named, inputs, resolution);
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
  const services = actedOn(project, inv, rules);
  if (named && rules?.earlyReturnWithoutContainers && inv.services.length > 0 && (await noContainers(project.name, services, inputs.engine))) {
    resolution.notes.push(`Compose ${rules.version} deletes nothing: no container of ${inv.services.join(', ')} exists`);
    return;
  }
  if (named) for (const volume of fileModeVolumes(project, inv, services)) resolution.volumes.push(volume);
  if (named && project.generation === 'v1') await preferLegacyNames(project, inputs.engine, resolution);
  const skipMissing = named && rules?.skipMissingVolumes === true;
  // Two independent engine questions: ask both at once.
  await Promise.all([named ? markExisting(inputs.engine, resolution, !skipMissing) : undefined, anonymousOf(project.name, services, inputs.engine, resolution)]);
  if (skipMissing && resolution.volumes.some((v) => v.exists === false)) {
    resolution.notes.push(`Compose ${rules.version} skips the volumes that do not exist: ${resolution.volumes.filter((v) => v.exists === false).map((v) => v.name).join(', ')}`);
    resolution.volumes = resolution.volumes.filter((v) => v.exists !== false);
  }
}

/** COMPOSE_PROJECT_NAME as Compose's fallback reads it: the shell's, else a `.env` it read. */
function fallbackName(inputs: Parameters<typeof projectEnvironment>[0]): { name: string; from: string } | undefined {
  if (inputs.env.COMPOSE_PROJECT_NAME) return { name: inputs.env.COMPOSE_PROJECT_NAME, from: 'the environment' };
  try {
    const name = projectEnvironment(inputs).env.COMPOSE_PROJECT_NAME;
    return name ? { name, from: 'a .env file' } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the engine says no container of these services exists (false when it cannot say). */
async function noContainers(project: string, services: Set<string>, engine: Engine | undefined): Promise<boolean> {
  if (!engine) return false;
  try {
    const containers = await engine.containers({ label: [`${PROJECT_LABEL}=${project}`] });
    return !containers.some((c) => services.has(c.Labels[SERVICE_LABEL] ?? ''));
  } catch {
    return false;
  }
}

/** The project directory as the command line names it (its own policy file applies there). */
export function likelyProjectDir(inv: ComposeInvocation, cwd: string): string {
  if (inv.projectDirectory) return path.resolve(cwd, inv.projectDirectory);
  const first = inv.files[0];
  return first && first !== '-' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(first) ? path.dirname(path.resolve(cwd, first)) : cwd;
}

/** One engine question per filter, however many rule sets ask it. */
function askOnce(engine: Engine): Engine {
  const volumes = new Map<string, Promise<EngineVolume[]>>();
  const containers = new Map<string, Promise<EngineContainer[]>>();
  const memo = <T>(cache: Map<string, Promise<T>>, key: string, ask: () => Promise<T>): Promise<T> => {
    if (!cache.has(key)) cache.set(key, ask());
    return cache.get(key) as Promise<T>;
  };
  return {
    detailWaitMs: engine.detailWaitMs,
    volumes: (filters) => memo(volumes, JSON.stringify(filters ?? {}), () => engine.volumes(filters)),
    containers: (filters) => memo(containers, JSON.stringify(filters ?? {}), () => engine.containers(filters)),
  };
}

/** The union of what every rule set deletes; the first project named is the one reported. */
function mergeInto(resolution: Resolution, results: Resolution[]): void {
  const unique = (items: string[]) => [...new Set(items)];
  for (const r of results) {
    resolution.project ??= r.project;
    resolution.policyDir ??= r.policyDir;
    for (const v of r.volumes) if (!resolution.volumes.some((m) => m.name === v.name)) resolution.volumes.push(v);
    resolution.anonymousVolumes = unique([...resolution.anonymousVolumes, ...r.anonymousVolumes]);
    resolution.uncertainties = unique([...resolution.uncertainties, ...r.uncertainties]);
    resolution.notes = unique([...resolution.notes, ...r.notes]);
  }
}
