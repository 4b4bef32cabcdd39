// The Engine API for the tools: JSON requests with a deadline, and archives streamed both ways
// (GET and PUT /containers/{id}/archive) with no size cap, since a volume can be any size, over
// any transport docker knows (engine-dial.ts). The judge's own bounded client
// (src/daemon/engine.ts) stays small; this one loads only here.
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { engineDialer, type Dialer } from './engine-dial.js';
import { errorText, rawGet } from './archive-download.js';

export class EngineError extends Error {
  constructor(message: string, readonly status = 0, readonly code?: string) {
    super(message);
  }

  /** No engine listens there at all (no socket, connection refused). */
  get absent(): boolean {
    return this.code === 'ENOENT' || this.code === 'ECONNREFUSED';
  }
}

export interface StreamEngine {
  endpoint: string;
  json<T>(method: string, route: string, body?: unknown, timeoutMs?: number): Promise<T>;
  /** A response body to read (the archive of a path); rejects on a status other than 200. */
  download(route: string, headTimeoutMs?: number, signal?: AbortSignal): Promise<Readable & { headers: http.IncomingHttpHeaders }>;
  /** A POST whose answer is raw bytes (an exec's output), read to its end. */
  post(route: string, body: unknown, timeoutMs?: number): Promise<Buffer>;
  /** Sends `body` as the request body and waits for the engine's answer. */
  upload(route: string, body: Readable): Promise<void>;
}

async function readAll(res: http.IncomingMessage, cap = 64 << 20): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res) {
    size += (chunk as Buffer).length;
    if (size > cap) throw new EngineError(`the engine's answer exceeds ${cap} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function failure(route: string, status: number, text: string): EngineError {
  let message = text.trim();
  try {
    message = (JSON.parse(text) as { message?: string }).message ?? message;
  } catch { /* plain text */ }
  return new EngineError(`${route}: ${status} ${message}`, status);
}

/** The engine at `endpoint`, reached through `dialer` (by default as a plain unix:// or tcp:// address). */
export function streamEngine(endpoint: string, dialer: Dialer = engineDialer(endpoint, undefined, {})): StreamEngine {
  const send = (method: string, route: string, headers: Record<string, string>, timeoutMs?: number) =>
    new Promise<{ req: http.ClientRequest; res: Promise<http.IncomingMessage> }>((resolve) => {
      const req = (dialer.secure ? https : http).request({ agent: false, ...dialer.options, method, path: route, headers: { Host: 'docker', ...headers } });
      if (timeoutMs) req.setTimeout(timeoutMs, () => req.destroy(new EngineError(`${route}: no answer within ${timeoutMs} ms`)));
      const res = new Promise<http.IncomingMessage>((ok, fail) => {
        req.on('response', ok);
        req.on('error', (e) => fail(e instanceof EngineError ? e : new EngineError(`${route}: ${e.message}`, 0, (e as NodeJS.ErrnoException).code)));
      });
      resolve({ req, res });
    });
  return {
    endpoint,
    async json<T>(method: string, route: string, body?: unknown, timeoutMs = 30_000): Promise<T> {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const { req, res } = await send(method, route, payload ? { 'Content-Type': 'application/json' } : {}, timeoutMs);
      req.end(payload);
      const answer = await res;
      const text = await readAll(answer);
      if ((answer.statusCode ?? 0) >= 300) throw failure(route, answer.statusCode ?? 0, text);
      return (text.trim() === '' ? undefined : JSON.parse(text)) as T;
    },
    async post(route, body, timeoutMs = 60_000) {
      const payload = JSON.stringify(body);
      const { req, res } = await send('POST', route, { 'Content-Type': 'application/json' }, timeoutMs);
      req.end(payload);
      const answer = await res;
      const chunks: Buffer[] = [];
      for await (const chunk of answer) chunks.push(chunk as Buffer);
      if ((answer.statusCode ?? 0) >= 300) throw failure(route, answer.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'));
      return Buffer.concat(chunks);
    },
    // HTTP/1.0, so the body arrives unframed (archive-download.ts); the tar stream's own end
    // tells a complete archive from a connection cut short.
    async download(route, headTimeoutMs = 30_000, signal) {
      let connection: ReturnType<Dialer['open']>;
      try {
        connection = dialer.open();
      } catch (error) {
        throw new EngineError(`${route}: ${(error as Error).message}`);
      }
      const answer = await rawGet(connection, route, headTimeoutMs, signal).catch((e: NodeJS.ErrnoException) => {
        throw new EngineError(e.message.startsWith(route) ? e.message : `${route}: ${e.message}`, 0, e.code);
      });
      if (answer.status !== 200) throw failure(route, answer.status, await errorText(answer.body));
      return answer.body;
    },
    async upload(route, body) {
      const { req, res } = await send('PUT', route, { 'Content-Type': 'application/x-tar', 'Transfer-Encoding': 'chunked' });
      body.on('error', (e) => req.destroy(e));
      body.pipe(req);
      const answer = await res;
      const text = await readAll(answer);
      if ((answer.statusCode ?? 0) >= 300) throw failure(route, answer.statusCode ?? 0, text);
    },
  };
}
