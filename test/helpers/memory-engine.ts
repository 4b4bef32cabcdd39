// An in-memory Engine for unit tests: volumes with labels, filtered as the Engine API filters.
import type { Engine, EngineContainer, EngineVolume } from '../../src/daemon/engine.js';

function matches(labels: Record<string, string> | null, wanted: string[]): boolean {
  return wanted.every((l) => {
    const [key, value] = l.split('=') as [string, string | undefined];
    return labels?.[key] !== undefined && (value === undefined || labels[key] === value);
  });
}

export function memoryEngine(volumes: EngineVolume[], containers: EngineContainer[] = []): Engine {
  return {
    async volumes(filters) {
      const wanted = filters?.label ?? [];
      return volumes.filter((v) => wanted.every((l) => {
        const [key, value] = l.split('=') as [string, string | undefined];
        return v.Labels?.[key] !== undefined && (value === undefined || v.Labels[key] === value);
      }));
    },
    async containers(filters) {
      return containers.filter((c) => matches(c.Labels, filters?.label ?? []));
    },
  };
}

/** A container Compose created for a service of a project. */
export function serviceContainer(project: string, service: string): EngineContainer {
  return { Id: `${project}-${service}`, Names: [`/${project}-${service}-1`], Labels: { 'com.docker.compose.project': project, 'com.docker.compose.service': service }, Mounts: [] };
}

export function labelled(name: string, project: string): EngineVolume {
  return { Name: name, Labels: { 'com.docker.compose.project': project } };
}
