// The AuthZ plugin protocol over HTTP on a unix socket: /Plugin.Activate, /AuthZPlugin.AuthZReq,
// /AuthZPlugin.AuthZRes. dockerd asks before every API request and after its response; the
// answer to an everyday request costs one JSON parse. Nothing a request carries can crash it:
// oversized or unreadable requests are refused, unknown endpoints get a plugin error.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AuthzAnswer } from './authorize.js';

export const PLUGIN_CONTENT_TYPE = 'application/vnd.docker.plugins.v1.2+json';
/** dockerd sends at most 1 MiB of body and its own header limit (1 MiB), base64 and JSON-escaped. */
export const MAX_REQUEST_BYTES = 8 * 1024 * 1024;

export interface AuthzRequestFields {
  method: string;
  uri: string;
  user: string;
}

export interface PluginHandlers {
  authorize(fields: AuthzRequestFields): Promise<AuthzAnswer>;
  /** A refusal or a failure worth a line in the log. */
  log(line: string): void;
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': PLUGIN_CONTENT_TYPE, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size <= limit ? Buffer.concat(chunks) : undefined));
    req.on('error', reject);
  });
}

export function parseAuthzRequest(body: Buffer): AuthzRequestFields {
  const value: unknown = JSON.parse(body.toString('utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object');
  // dockerd writes RequestUri; Go's decoder matches field names in any case, so does this.
  const fields: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) fields[key.toLowerCase()] = v;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return { method: text(fields.requestmethod), uri: text(fields.requesturi), user: text(fields.user) };
}

async function authzRequest(req: IncomingMessage, res: ServerResponse, handlers: PluginHandlers): Promise<void> {
  const body = await readBody(req, MAX_REQUEST_BYTES);
  if (body === undefined) {
    handlers.log('refused an authorization request larger than 8 MiB');
    reply(res, 200, { Allow: false, Msg: 'compose-guard refused a request too large to read (over 8 MiB)' });
    return;
  }
  let fields: AuthzRequestFields;
  try {
    fields = parseAuthzRequest(body);
  } catch (error) {
    handlers.log(`refused an unreadable authorization request (${(error as Error).message})`);
    reply(res, 200, { Allow: false, Msg: 'compose-guard refused a request it could not read' });
    return;
  }
  const answer = await handlers.authorize(fields);
  reply(res, 200, answer.allow ? { Allow: true } : { Allow: false, Msg: answer.msg ?? 'compose-guard refused this request' });
}

async function route(req: IncomingMessage, res: ServerResponse, handlers: PluginHandlers): Promise<void> {
  const path = (req.url ?? '').split('?')[0];
  if (req.method === 'POST' && path === '/AuthZPlugin.AuthZReq') return authzRequest(req, res, handlers);
  // The response phase: nothing to judge; the body is drained unread.
  req.resume();
  await new Promise((resolve) => req.on('end', resolve).on('error', resolve));
  if (req.method === 'POST' && path === '/AuthZPlugin.AuthZRes') reply(res, 200, { Allow: true });
  else if (req.method === 'POST' && path === '/Plugin.Activate') reply(res, 200, { Implements: ['authz'] });
  else reply(res, 404, { Err: `compose-guard: unknown plugin endpoint ${req.method} ${path?.slice(0, 100)}` });
}

export function createPluginServer(handlers: PluginHandlers): Server {
  const server = createServer((req, res) => {
    route(req, res, handlers).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      handlers.log(`internal error: ${message}`);
      if (!res.headersSent) reply(res, 200, { Allow: false, Msg: `compose-guard refused the request after an internal error (${message})` });
      else res.destroy();
    });
  });
  // dockerd keeps connections to plugins open; closing idle ones races its next request, which
  // it would then retry after a one-second back-off.
  server.keepAliveTimeout = 0;
  server.maxConnections = 1024;
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    else socket.destroy();
  });
  return server;
}
