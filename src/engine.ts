// The few engine questions the resolver asks, over the Engine API directly (no `docker`
// process to start). Every call is bounded; an engine that does not answer is "unreachable".
import type http from 'node:http';

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

export class EngineUnreachable extends Error {}

/** An engine client for `unix://` and plain `tcp://` endpoints; undefined for others (ssh, TLS). */
export function connectEngine(endpoint: string | undefined, env: { DOCKER_TLS_VERIFY?: string }, timeoutMs = 2000): Engine | undefined {
  if (!endpoint) return undefined;
  let target: http.RequestOptions;
  if (endpoint.startsWith('unix://')) target = { socketPath: endpoint.slice('unix://'.length) };
  else if (endpoint.startsWith('tcp://') && !env.DOCKER_TLS_VERIFY) {
    const url = new URL(`http://${endpoint.slice('tcp://'.length)}`);
    target = { host: url.hostname, port: Number(url.port || 2375) };
  } else return undefined;
  const get = <T>(route: string, filters?: Record<string, string[]>): Promise<T> =>
    request<T>(target, filters ? `${route}${route.includes('?') ? '&' : '?'}filters=${encodeURIComponent(JSON.stringify(filters))}` : route, timeoutMs);
  return {
    volumes: async (filters) => (await get<{ Volumes: EngineVolume[] | null }>('/volumes', filters)).Volumes ?? [],
    containers: (filters) => get<EngineContainer[]>('/containers/json?all=1', filters),
  };
}

// Loaded on first use: most judged commands never ask the engine, and `http` cannot be part of
// the judge's start-up snapshot (where dynamic import() is unavailable).
async function request<T>(target: http.RequestOptions, route: string, timeoutMs: number): Promise<T> {
  const { get } = process.getBuiltinModule('node:http');
  return new Promise((resolve, reject) => {
    const req = get({ ...target, path: route, timeout: timeoutMs, headers: { Host: 'docker' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        if ((res.statusCode ?? 500) >= 400) reject(new EngineUnreachable(`engine answered ${res.statusCode} for ${route}`));
        else {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as T);
          } catch (error) {
            reject(new EngineUnreachable(`engine sent unreadable JSON for ${route}`, { cause: error }));
          }
        }
      });
    });
    req.on('timeout', () => req.destroy(new EngineUnreachable(`engine did not answer within ${timeoutMs} ms`)));
    req.on('error', (error) => reject(error instanceof EngineUnreachable ? error : new EngineUnreachable(error.message, { cause: error })));
  });
}
