// One GET to the engine as HTTP/1.0 over a plain socket: the engine then answers without
// chunking and closes, so the reply is status line, headers, body. Bounded twice: a total
// deadline (an engine that trickles a header line a second still ends in time) and a cap on
// the reply's size (an endless body ends at the cap, not in the kernel's OOM killer).
import type { Duplex } from 'node:stream';

export class EngineUnreachable extends Error {
  override name = 'EngineUnreachable';
}

export interface Endpoint {
  socketPath?: string;
  host?: string;
  port?: number;
  /** Opens the connection instead (TLS, ssh: src/daemon/engine-dial.ts); may throw EngineUnreachable. */
  open?: () => Duplex;
}

export interface Bounds {
  /** The whole exchange, connect to last byte. */
  deadlineMs: number;
  /** Status line, headers and body together. */
  maxBytes: number;
}

export const DEFAULT_BOUNDS: Bounds = { deadlineMs: 1500, maxBytes: 16 * 1024 * 1024 };

/** The reply's JSON body; anything but a complete 2xx answer in time is EngineUnreachable. */
export function getJson(target: Endpoint, route: string, bounds: Bounds = DEFAULT_BOUNDS): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let socket: Duplex;
    try {
      socket = open(target);
    } catch (error) {
      reject(error instanceof EngineUnreachable ? error : new EngineUnreachable(error instanceof Error ? error.message : String(error)));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (message: string, cause?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      reject(new EngineUnreachable(message, cause === undefined ? undefined : { cause }));
    };
    const timer = setTimeout(() => fail(`engine did not answer ${route} within ${bounds.deadlineMs} ms`), bounds.deadlineMs);
    // Write without half-closing: Go's HTTP server reads the client's EOF as a disconnect and
    // cancels the request, and dockerd then answers a filtered list with nothing.
    // (A socket, and a TLS one, holds what is written until it is connected.)
    socket.write(`GET ${route} HTTP/1.0\r\nHost: docker\r\n\r\n`);
    socket.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > bounds.maxBytes) fail(`engine answer to ${route} is larger than ${bounds.maxBytes} bytes`);
      else chunks.push(chunk);
    });
    socket.on('error', (error) => fail(error.message, error));
    // The engine ends its answer by closing: a socket then closes; an ssh's stream ends when ssh has exited.
    const ended = () => {
      if (settled) return;
      try {
        const body = parseReply(Buffer.concat(chunks), route);
        settled = true;
        clearTimeout(timer);
        resolve(body);
      } catch (error) {
        fail(error instanceof Error ? error.message : String(error), error);
      }
      socket.destroy();
    };
    socket.on('end', ended);
    socket.on('close', ended);
  });
}

function open(target: Endpoint): Duplex {
  if (target.open) return target.open();
  // `net` is loaded on first use: many judged commands never ask the engine.
  const { connect } = process.getBuiltinModule('node:net');
  return target.socketPath ? connect(target.socketPath) : connect(target.port ?? 2375, target.host ?? '127.0.0.1');
}

function parseReply(reply: Buffer, route: string): unknown {
  const split = reply.indexOf('\r\n\r\n');
  const head = reply.subarray(0, split < 0 ? Math.min(reply.length, 8192) : split).toString('latin1');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
  if (split < 0 || status < 200 || status >= 300) throw new Error(`engine answered ${status || 'something unreadable'} for ${route}`);
  const body = reply.subarray(split + 4);
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1];
  if (length !== undefined && Number(length) !== body.length) throw new Error(`engine answer to ${route} was cut short (${body.length} of ${length} bytes)`);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new Error(`engine sent unreadable JSON for ${route}`);
  }
}
