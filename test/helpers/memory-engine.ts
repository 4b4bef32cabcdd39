// An in-memory Engine for unit tests: volumes with labels, filtered as the Engine API filters.
import type { Engine, EngineVolume } from '../../src/daemon/engine.js';

export function memoryEngine(volumes: EngineVolume[]): Engine {
  return {
    async volumes(filters) {
      const wanted = filters?.label ?? [];
      return volumes.filter((v) => wanted.every((l) => {
        const [key, value] = l.split('=') as [string, string | undefined];
        return v.Labels?.[key] !== undefined && (value === undefined || v.Labels[key] === value);
      }));
    },
    async containers() {
      return [];
    },
  };
}

export function labelled(name: string, project: string): EngineVolume {
  return { Name: name, Labels: { 'com.docker.compose.project': project } };
}
