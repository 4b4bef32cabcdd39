// The few engine questions the resolver asks, over the Engine API directly (no `docker` process
// to start; an ssh:// engine is one ssh). Every call is bounded (src/daemon/http-get.ts), and
// every answer is checked for the shape the resolver relies on: an engine that does not answer, or answers something
// else (`"Mounts": null`, garbage), is "unreachable", never a crash.
import { DEFAULT_BOUNDS, EngineUnreachable, getJson, type Bounds, type Endpoint } from './http-get.js';
import { engineTransport, openConnection, type Transport } from './engine-dial.js';
import { targetTls } from './engine-tls.js';

import type { ComposeV1Tls, TargetFlags, TlsFlags } from '../grammar/command.js';

type Env = Record<string, string | undefined>;

/** Which context chose the endpoint (its TLS material is the context's) and the config folder in effect (--config). */
export interface EngineWhere {
  context?: string;
  configDir?: string;
  /** docker's TLS flags on the command line. */
  tls?: TlsFlags;
  /** A Compose v1 reading: its TLS options, and whether -H named the endpoint (its TLS follows v1's rules). */
  composeV1?: ComposeV1Tls & { hostFlag: boolean };
}

/** Where a command's engine is reached from: its reading's --config and TLS flags, and the context that chose the endpoint. */
export function engineWhere(flags: TargetFlags, context: string | undefined): EngineWhere {
  return { context, configDir: flags.configDir, tls: flags.tls, ...(flags.composeV1 ? { composeV1: { ...flags.composeV1, hostFlag: flags.host !== undefined } } : {}) };
}

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
  /**
   * How long an answer that only adds detail to the report is worth waiting for (default
   * src/project/volumes.ts DETAIL_WAIT_MS): a local socket answers at once; a TLS handshake or an
   * ssh login takes a while.
   */
  detailWaitMs?: number;
  volumes(filters?: Record<string, string[]>): Promise<EngineVolume[]>;
  containers(filters?: Record<string, string[]>): Promise<EngineContainer[]>;
  /**
   * Each volume's size as the engine counts it (`/system/df`, which walks every volume), within
   * `deadlineMs`; a volume it could not count is left out. Detail for a stop message only.
   */
  volumeSizes?(deadlineMs: number): Promise<Map<string, number>>;
}

/**
 * How this client reaches `endpoint`: a unix socket or plain tcp:// directly; TLS (the
 * environment's or the context's material, as docker reads it) and ssh:// through
 * engine-dial.ts, ssh without questions and killed at the deadline. TLS material that cannot be
 * used (verification without a CA, which docker refuses too) fails each request as unreachable;
 * undefined for an address docker could not use either.
 */
export function engineEndpoint(endpoint: string | undefined, env: Env, where: EngineWhere = {}): Endpoint | undefined {
  if (!endpoint) return undefined;
  let transport: Transport;
  try {
    transport = engineTransport(endpoint, undefined);
  } catch {
    return undefined;
  }
  if (transport.kind === 'unix') return { socketPath: transport.socketPath };
  if (transport.kind === 'tcp') {
    try {
      const tls = targetTls({ context: where.context ?? 'default' }, env, where.configDir, where.tls, where.composeV1);
      if (!tls) return { host: transport.host, port: transport.port };
      transport = engineTransport(endpoint, tls);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { open: () => { throw new EngineUnreachable(reason); } };
    }
  }
  const reached = transport;
  return { open: () => openConnection(reached, env, { batch: true }) };
}

/** An engine client, or undefined when the endpoint is not one this client can reach. */
export function connectEngine(endpoint: string | undefined, env: Env, bounds: Bounds = DEFAULT_BOUNDS, where: EngineWhere = {}): Engine | undefined {
  const target = engineEndpoint(endpoint, env, where);
  if (!target) return undefined;
  const get = (route: string, filters?: Record<string, string[]>): Promise<unknown> =>
    getJson(target, filters ? `${route}${route.includes('?') ? '&' : '?'}filters=${encodeURIComponent(JSON.stringify(filters))}` : route, bounds);
  // The unfiltered volume list is asked for once and shared.
  let allVolumes: Promise<EngineVolume[]> | undefined;
  const volumes = async (filters?: Record<string, string[]>) => volumeList(await get('/volumes', filters));
  return {
    ...(target.open ? { detailWaitMs: bounds.deadlineMs } : {}),
    volumes: (filters) => (filters ? volumes(filters) : (allVolumes ??= volumes())),
    containers: async (filters) => containerList(await get('/containers/json?all=1', filters)),
    // `type=volume` (API 1.42+) spares the engine counting images and containers; older engines ignore it.
    volumeSizes: async (deadlineMs) => volumeSizeMap(await getJson(target, '/system/df?type=volume', { deadlineMs, maxBytes: 16 * 1024 * 1024 })),
  };
}

/** The sizes in a `/system/df` answer; a volume without a count (-1, or none) is left out. */
export function volumeSizeMap(body: unknown): Map<string, number> {
  const volumes = isObject(body) && Array.isArray(body.Volumes) ? body.Volumes : [];
  return new Map(volumes.flatMap((v: unknown) => {
    if (!isObject(v) || typeof v.Name !== 'string' || !isObject(v.UsageData)) return [];
    const size = v.UsageData.Size;
    return typeof size === 'number' && size >= 0 ? [[v.Name, size] as const] : [];
  }));
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
