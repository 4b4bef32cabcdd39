// NAME (label) MODE: what Compose deletes when it knows only the project's name (`-p` without
// `-f`, or its fallback after the files failed to load), and the anonymous volumes of a
// project's containers; v1's legacy volume names.
import { EngineUnreachable, type Engine, type EngineContainer } from '../daemon/engine.js';
import type { ProjectModel } from './load.js';
import { existingNames, PROJECT_LABEL, SERVICE_LABEL, soon, type Resolution, type ResolveInputs } from './volumes.js';

export async function nameMode(name: string, why: string, named: boolean, inputs: ResolveInputs, resolution: Resolution): Promise<void> {
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

export async function anonymousOf(project: string, services: Set<string> | undefined, engine: Engine | undefined, resolution: Resolution): Promise<void> {
  if (!engine) return;
  let containers: EngineContainer[];
  try {
    const asked = engine.containers({ label: [`${PROJECT_LABEL}=${project}`] });
    // In file mode the anonymous volumes are shown, not decided on: wait only briefly.
    containers = resolution.project?.mode === 'name' ? await asked : await soon(asked, engine.detailWaitMs);
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
export async function preferLegacyNames(project: ProjectModel, engine: Engine | undefined, resolution: Resolution): Promise<void> {
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
