// Which services of a loaded project a command acts on, and so which of its volumes it deletes:
// profiles, services named on the command line, and (2.29.0+) their dependencies only.
import type { ComposeInvocation } from '../grammar/command.js';
import type { ComposeRules } from './compose-rules.js';
import type { ProjectModel } from './load.js';
import type { VolumeFinding } from './volumes.js';

/**
 * Services with no profile, and those of an active profile. A service named on the command line
 * activates all its profiles, which can enable other services too (checked against Compose v2.26).
 */
export function enabledServices(project: ProjectModel, inv: ComposeInvocation): Set<string> {
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

/** The named services and everything they depend on, transitively. */
export function withDependencies(project: ProjectModel, names: readonly string[]): Set<string> {
  const selected = new Set<string>();
  const queue = [...names];
  while (queue.length > 0) {
    const name = queue.pop() as string;
    if (selected.has(name)) continue;
    selected.add(name);
    queue.push(...(project.services.find((s) => s.name === name)?.dependencies ?? []));
  }
  return selected;
}

/** The services whose volumes `down -v [SERVICE...]` deletes under these rules. */
export function actedOn(project: ProjectModel, inv: ComposeInvocation, rules: ComposeRules | undefined): Set<string> {
  const enabled = enabledServices(project, inv);
  if (!rules?.narrowServices || inv.services.length === 0) return enabled;
  return withDependencies(project, inv.services);
}

export function fileModeVolumes(project: ProjectModel, inv: ComposeInvocation, services: Set<string>): VolumeFinding[] {
  const users = (key: string): string[] =>
    project.services.filter((s) => services.has(s.name) && s.mounts.some((m) => m.type === 'volume' && m.source === key)).map((s) => s.name);
  return project.volumes
    .filter((v) => !v.external)
    .map((v) => ({ v, services: users(v.key) }))
    .filter(({ services: users }) => project.generation === 'v1' || inv.allResources || users.length > 0)
    .map(({ v, services: users }) => ({
      name: v.name,
      key: v.key,
      services: users,
      reason: users.length > 0 ? `declared and used by ${users.join(', ')}` : 'declared in the compose file',
    }));
}
