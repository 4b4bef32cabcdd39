// Merging several compose files (compose-go override/merge.go): mappings merge key by key,
// later scalars win, most sequences append, a service's `volumes` merge by target path,
// `!reset` drops the earlier value and `!override` replaces it.
import { Directive, isRecord } from './yaml.js';
import { mountTarget } from './mounts.js';

export function mergeModels(base: unknown, override: unknown, path: string[] = []): unknown {
  if (override instanceof Directive) return override.kind === 'reset' ? undefined : stripDirectives(override.value);
  if (isRecord(base) && isRecord(override)) {
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(override)) {
      const merged = mergeModels(base[key], value, [...path, key]);
      if (merged === undefined) delete out[key];
      else out[key] = merged;
    }
    return out;
  }
  if (Array.isArray(base) && Array.isArray(override)) {
    const isServiceVolumes = path.length === 3 && path[0] === 'services' && path[2] === 'volumes';
    return isServiceVolumes ? mergeByTarget(base, override) : [...base, ...stripArray(override)];
  }
  return override === undefined ? base : stripDirectives(override);
}

function mergeByTarget(base: unknown[], override: unknown[]): unknown[] {
  const byTarget = new Map<string, unknown>();
  for (const mount of [...base, ...stripArray(override)]) byTarget.set(mountTarget(mount) ?? String(byTarget.size), mount);
  return [...byTarget.values()];
}

function stripArray(values: unknown[]): unknown[] {
  return values.map(stripDirectives).filter((v) => v !== undefined);
}

/** A directive in the first file (or nested below a new key) just means its value. */
export function stripDirectives(value: unknown): unknown {
  if (value instanceof Directive) return value.kind === 'reset' ? undefined : stripDirectives(value.value);
  if (Array.isArray(value)) return stripArray(value);
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const stripped = stripDirectives(v);
      if (stripped !== undefined) out[k] = stripped;
    }
    return out;
  }
  return value;
}
