// The few engine questions the resolver asks, over the Engine API directly (no `docker`
// process to start). Every call is bounded; an engine that does not answer is "unreachable".

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

interface Endpoint {
  socketPath?: string;
  host?: string;
  port?: number;
}

/** An engine client for `unix://` and plain `tcp://` endpoints; undefined for others (ssh, TLS). */
export function connectEngine(endpoint: string | undefined, env: { DOCKER_TLS_VERIFY?: string }, timeoutMs = 2000): Engine | undefined {
  if (!endpoint) return undefined;
  let target: Endpoint;
  if (endpoint.startsWith('unix://')) target = { socketPath: endpoint.slice('unix://'.length) };
  else if (endpoint.startsWith('tcp://') && !env.DOCKER_TLS_VERIFY) {
    const url = new URL(`http://${endpoint.slice('tcp://'.length)}`);
    target = { host: url.hostname, port: Number(url.port || 2375) };
  } else return undefined;
  const get = <T>(route: string, filters?: Record<string, string[]>): Promise<T> =>
    request<T>(target, filters ? `${route}${route.includes('?') ? '&' : '?'}filters=${encodeURIComponent(JSON.stringify(filters))}` : route, timeoutMs);
  // The unfiltered volume list is asked for once and shared.
  let allVolumes: Promise<EngineVolume[]> | undefined;
  const volumes = async (filters?: Record<string, string[]>) => (await get<{ Volumes: EngineVolume[] | null }>('/volumes', filters)).Volumes ?? [];
  return {
    volumes: (filters) => (filters ? volumes(filters) : (allVolumes ??= volumes())),
    containers: (filters) => get<EngineContainer[]>('/containers/json?all=1', filters),
  };
}

/**
 * One GET as HTTP/1.0 over a plain socket: the engine then answers without chunking and closes,
 * so the reply is status line, headers, body. Cheaper to start than Node's http client; `net`
 * is loaded on first use, since many judged commands never ask the engine.
 */
function request<T>(target: Endpoint, route: string, timeoutMs: number): Promise<T> {
  const { connect } = process.getBuiltinModule('node:net');
  return new Promise((resolve, reject) => {
    const socket = target.socketPath ? connect(target.socketPath) : connect(target.port ?? 2375, target.host);
    const chunks: Buffer[] = [];
    socket.setTimeout(timeoutMs, () => socket.destroy(new EngineUnreachable(`engine did not answer within ${timeoutMs} ms`)));
    // Write without half-closing: Go's HTTP server reads the client's EOF as a disconnect and
    // cancels the request, and dockerd then answers a filtered list with nothing.
    socket.on('connect', () => socket.write(`GET ${route} HTTP/1.0\r\nHost: docker\r\n\r\n`));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', (error) => reject(error instanceof EngineUnreachable ? error : new EngineUnreachable(error.message, { cause: error })));
    socket.on('close', (hadError) => {
      if (hadError) return;
      const reply = Buffer.concat(chunks).toString('utf8');
      const split = reply.indexOf('\r\n\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(reply)?.[1] ?? 0);
      if (split < 0 || status < 200 || status >= 300) {
        reject(new EngineUnreachable(`engine answered ${status || 'something unreadable'} for ${route}`));
        return;
      }
      try {
        resolve(JSON.parse(reply.slice(split + 4)) as T);
      } catch (error) {
        reject(new EngineUnreachable(`engine sent unreadable JSON for ${route}`, { cause: error }));
      }
    });
  });
}
