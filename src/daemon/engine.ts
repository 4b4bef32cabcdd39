// The few engine questions the resolver asks, over the Engine API directly (no `docker`
// process to start). Every call is bounded (src/daemon/http-get.ts), and every answer is checked
// for the shape the resolver relies on: an engine that does not answer, or answers something
// else (`"Mounts": null`, garbage), is "unreachable", never a crash.
import { DEFAULT_BOUNDS, EngineUnreachable, getJson, type Bounds, type Endpoint } from './http-get.js';

export { EngineUnreachable } from './http-get.js';

export interface EngineVolume {
  Name: string;
  Labels: Record<string, string> | null;
}

export interface EngineMount {
  Type: string;
  Name?: string;
  Destination: string;
}

export interface EngineContainer {
  Id: string;
  Names: string[];
  Labels: Record<string, string>;
  Mounts: EngineMount[];
}

export interface Engine {
  volumes(filters?: Record<string, string[]>): Promise<EngineVolume[]>;
  containers(filters?: Record<string, string[]>): Promise<EngineContainer[]>;
}

/** Where `unix://` and plain `tcp://` endpoints are; undefined for others (ssh, TLS, unreadable). */
export function engineEndpoint(endpoint: string | undefined, env: { DOCKER_TLS_VERIFY?: string }): Endpoint | undefined {
  if (!endpoint) return undefined;
  if (endpoint.startsWith('unix://')) return { socketPath: endpoint.slice('unix://'.length) };
  if (!endpoint.startsWith('tcp://') || env.DOCKER_TLS_VERIFY) return undefined;
  // host:port, [v6]:port or host; an empty host is the local one, as Docker dials it.
  const match = /^(?:\[([^\]\s]*)\]|([^:/?#\s]*))(?::(\d{1,5}))?\/?$/.exec(endpoint.slice('tcp://'.length));
  if (!match) return undefined;
  const port = Number(match[3] ?? 2375);
  if (port < 1 || port > 65535) return undefined;
  return { host: match[1] || match[2] || '127.0.0.1', port };
}

/** An engine client, or undefined when the endpoint is not one this client can reach. */
export function connectEngine(endpoint: string | undefined, env: { DOCKER_TLS_VERIFY?: string }, bounds: Bounds = DEFAULT_BOUNDS): Engine | undefined {
  const target = engineEndpoint(endpoint, env);
  if (!target) return undefined;
  const get = (route: string, filters?: Record<string, string[]>): Promise<unknown> =>
    getJson(target, filters ? `${route}${route.includes('?') ? '&' : '?'}filters=${encodeURIComponent(JSON.stringify(filters))}` : route, bounds);
  // The unfiltered volume list is asked for once and shared.
  let allVolumes: Promise<EngineVolume[]> | undefined;
  const volumes = async (filters?: Record<string, string[]>) => volumeList(await get('/volumes', filters));
  return {
    volumes: (filters) => (filters ? volumes(filters) : (allVolumes ??= volumes())),
    containers: async (filters) => containerList(await get('/containers/json?all=1', filters)),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unexpected(what: string): never {
  throw new EngineUnreachable(`engine answered ${what} in an unexpected shape`);
}

function labels(value: unknown, what: string): Record<string, string> {
  if (value === null || value === undefined) return {};
  if (!isObject(value) || !Object.values(value).every((v) => typeof v === 'string')) return unexpected(what);
  return value as Record<string, string>;
}

export function volumeList(body: unknown): EngineVolume[] {
  if (!isObject(body)) return unexpected('the volume list');
  const list = body.Volumes ?? [];
  if (!Array.isArray(list)) return unexpected('the volume list');
  return list.map((v: unknown) => {
    if (!isObject(v) || typeof v.Name !== 'string') return unexpected('a volume');
    return { Name: v.Name, Labels: labels(v.Labels, 'a volume') };
  });
}

export function containerList(body: unknown): EngineContainer[] {
  if (!Array.isArray(body)) return unexpected('the container list');
  return body.map((c: unknown) => {
    if (!isObject(c) || typeof c.Id !== 'string') return unexpected('a container');
    const mounts = c.Mounts ?? [];
    if (!Array.isArray(mounts)) return unexpected('a container');
    return {
      Id: c.Id,
      Names: Array.isArray(c.Names) ? c.Names.filter((n): n is string => typeof n === 'string') : [],
      Labels: labels(c.Labels, 'a container'),
      Mounts: mounts.filter(isObject).map((m) => ({
        Type: typeof m.Type === 'string' ? m.Type : '',
        Name: typeof m.Name === 'string' ? m.Name : undefined,
        Destination: typeof m.Destination === 'string' ? m.Destination : '',
      })),
    };
  });
}
