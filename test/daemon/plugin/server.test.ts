// The AuthZ plugin protocol over HTTP on a real unix socket, with handlers of the test's own.
import { mkdtempSync } from 'node:fs';
import { request, type Server } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPluginServer, MAX_REQUEST_BYTES, parseAuthzRequest, PLUGIN_CONTENT_TYPE, type AuthzRequestFields } from '../../../src/daemon/plugin/server.js';
import type { AuthzAnswer } from '../../../src/daemon/plugin/authorize.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

async function start(authorize: (f: AuthzRequestFields) => Promise<AuthzAnswer>) {
  const socketPath = path.join(mkdtempSync(path.join(tmpdir(), 'cg-plugin-server-')), 'plugin.sock');
  const logged: string[] = [];
  const asked: AuthzRequestFields[] = [];
  const s = createPluginServer({ authorize: (f) => { asked.push(f); return authorize(f); }, log: (l) => logged.push(l) });
  server = s;
  await new Promise<void>((resolve) => s.listen(socketPath, resolve));
  return { socketPath, logged, asked };
}

function post(socketPath: string, route: string, body: string | Buffer, method = 'POST'): Promise<{ status: number; type: string | undefined; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path: route, method, headers: { 'Content-Type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    // The server may answer (and close) before a large body is all sent: the rest meets EPIPE.
    req.on('socket', (socket) => socket.on('error', () => undefined));
    req.end(body);
  });
}

const refuse = async (): Promise<AuthzAnswer> => ({ allow: false, msg: 'no: production' });

describe('parseAuthzRequest', () => {
  it.each<[string, AuthzRequestFields]>([
    ['{"RequestMethod":"DELETE","RequestUri":"/volumes/x","User":"ann"}', { method: 'DELETE', uri: '/volumes/x', user: 'ann' }],
    ['{"requestmethod":"POST","REQUESTURI":"/volumes/prune"}', { method: 'POST', uri: '/volumes/prune', user: '' }],
    ['{"RequestMethod":7,"RequestUri":null}', { method: '', uri: '', user: '' }],
    ['{}', { method: '', uri: '', user: '' }],
  ])('%s', (text, fields) => {
    expect(parseAuthzRequest(Buffer.from(text))).toEqual(fields);
  });

  it.each(['[1]', 'null', '"x"', '{'])('refuses %s', (text) => {
    expect(() => parseAuthzRequest(Buffer.from(text))).toThrow();
  });
});

describe('the plugin endpoints', () => {
  it('activates as an authz plugin', async () => {
    const { socketPath } = await start(refuse);
    expect(await post(socketPath, '/Plugin.Activate', '')).toEqual({ status: 200, type: PLUGIN_CONTENT_TYPE, body: { Implements: ['authz'] } });
  });

  it('asks the handler for each request and passes on its answer', async () => {
    const { socketPath, asked } = await start(async (f) => (f.method === 'GET' ? { allow: true } : { allow: false, msg: 'no: production' }));
    expect((await post(socketPath, '/AuthZPlugin.AuthZReq', '{"RequestMethod":"GET","RequestUri":"/info"}')).body).toEqual({ Allow: true });
    expect((await post(socketPath, '/AuthZPlugin.AuthZReq?x=1', '{"RequestMethod":"DELETE","RequestUri":"/volumes/a"}')).body).toEqual({ Allow: false, Msg: 'no: production' });
    expect(asked.map((f) => f.method)).toEqual(['GET', 'DELETE']);
  });

  it('gives a refusal a message even when the handler has none', async () => {
    const { socketPath } = await start(async () => ({ allow: false }));
    expect((await post(socketPath, '/AuthZPlugin.AuthZReq', '{}')).body).toEqual({ Allow: false, Msg: 'compose-guard refused this request' });
  });

  it('allows every response without asking, its body unread', async () => {
    const { socketPath, asked } = await start(refuse);
    expect((await post(socketPath, '/AuthZPlugin.AuthZRes', 'not even JSON')).body).toEqual({ Allow: true });
    expect(asked).toEqual([]);
  });

  it('refuses an unreadable request, and logs it', async () => {
    const { socketPath, logged } = await start(async () => ({ allow: true }));
    expect((await post(socketPath, '/AuthZPlugin.AuthZReq', '{not json')).body).toEqual({ Allow: false, Msg: 'compose-guard refused a request it could not read' });
    expect(logged[0]).toMatch(/^refused an unreadable authorization request/);
  });

  it('refuses a request larger than the bound', async () => {
    const { socketPath, logged } = await start(async () => ({ allow: true }));
    const huge = Buffer.alloc(MAX_REQUEST_BYTES + 1, ' ');
    expect((await post(socketPath, '/AuthZPlugin.AuthZReq', huge)).body).toEqual({ Allow: false, Msg: 'compose-guard refused a request too large to read (over 8 MiB)' });
    expect(logged).toEqual(['refused an authorization request larger than 8 MiB']);
  });

  it('refuses when the handler fails, naming the failure', async () => {
    const { socketPath, logged } = await start(async () => { throw new Error('policy exploded'); });
    expect((await post(socketPath, '/AuthZPlugin.AuthZReq', '{}')).body).toEqual({ Allow: false, Msg: 'compose-guard refused the request after an internal error (policy exploded)' });
    expect(logged).toEqual(['internal error: policy exploded']);
  });

  it('answers an unknown endpoint with a plugin error', async () => {
    const { socketPath } = await start(refuse);
    expect(await post(socketPath, '/VolumeDriver.Remove', '{}')).toMatchObject({ status: 404, body: { Err: 'compose-guard: unknown plugin endpoint POST /VolumeDriver.Remove' } });
    expect((await post(socketPath, '/AuthZPlugin.AuthZReq', '', 'GET')).status).toBe(404);
  });

  it('answers bytes that are not HTTP with 400 and stays up', async () => {
    const { socketPath } = await start(async () => ({ allow: true }));
    const raw = await new Promise<string>((resolve) => {
      const socket = connect(socketPath);
      let text = '';
      socket.on('data', (d) => { text += d.toString(); });
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
      socket.write('\x00\x01 garbage\r\n\r\n');
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect((await post(socketPath, '/AuthZPlugin.AuthZReq', '{}')).body).toEqual({ Allow: true });
  });
});
