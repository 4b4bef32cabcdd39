// The plugin over its real sockets: the AuthZ protocol as dockerd speaks it, grants from the
// judge's client, and requests no dockerd would send.
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerGrant } from '../../../src/daemon/grant-client.js';
import { startDaemon, type RunningDaemon } from '../../../src/daemon/plugin/daemon.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cg-plugin-'));
const env = {
  HOME: dir,
  COMPOSE_GUARD_POLICY: path.join(dir, 'policy.yaml'),
  COMPOSE_GUARD_PLUGIN_SOCKET: path.join(dir, 'plugins', 'compose-guard.sock'),
  COMPOSE_GUARD_GRANT_SOCKET: path.join(dir, 'grants.sock'),
  DOCKER_HOST: `unix://${path.join(dir, 'no-engine.sock')}`,
};
const logs: string[] = [];
let daemon: RunningDaemon;

function post(route: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: env.COMPOSE_GUARD_PLUGIN_SOCKET, method: 'POST', path: route, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => { text += c.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const authz = (method: string, uri: string) => post('/AuthZPlugin.AuthZReq', JSON.stringify({ RequestMethod: method, RequestUri: uri, RequestHeaders: { 'User-Agent': 'test' } }));

function raw(bytes: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(env.COMPOSE_GUARD_PLUGIN_SOCKET, () => socket.write(bytes));
    let text = '';
    socket.on('data', (c) => { text += c.toString(); });
    socket.on('error', () => resolve(text));
    socket.on('close', () => resolve(text));
  });
}

beforeAll(async () => {
  writeFileSync(env.COMPOSE_GUARD_POLICY, 'environment: production\n', { mode: 0o644 });
  daemon = await startDaemon({ env, hostname: 'db-1', now: () => new Date(), log: (l) => logs.push(l), user: { name: 'root', uid: 0, home: dir } });
});
afterAll(() => daemon.close());

describe('compose-guard daemon', () => {
  it('activates as an authz plugin named after its socket', async () => {
    expect(JSON.parse((await post('/Plugin.Activate', '')).body)).toEqual({ Implements: ['authz'] });
    expect(daemon.settings.pluginName).toBe('compose-guard');
    expect(statSync(env.COMPOSE_GUARD_GRANT_SOCKET).mode & 0o007).toBe(0);
  });

  it('allows everyday requests and every response', async () => {
    expect(JSON.parse((await authz('GET', '/v1.41/containers/json')).body)).toEqual({ Allow: true });
    expect(JSON.parse((await post('/AuthZPlugin.AuthZRes', JSON.stringify({ ResponseStatusCode: 200 }))).body)).toEqual({ Allow: true });
  });

  it('refuses a deletion, then lets it through once after the judge granted it', async () => {
    const refused = JSON.parse((await authz('DELETE', '/v1.41/volumes/huangpu_postgres')).body) as { Allow: boolean; Msg: string };
    expect(refused.Allow).toBe(false);
    expect(refused.Msg).toContain('huangpu_postgres');
    const outcome = await registerGrant({ volumes: ['huangpu_postgres'], containers: [], prune: false, seconds: 5, argv: ['docker', 'volume', 'rm', 'huangpu_postgres'], user: 'ops' }, env);
    expect(outcome.registered).toBe(true);
    expect(JSON.parse((await authz('DELETE', '/v1.41/volumes/huangpu_postgres')).body)).toEqual({ Allow: true });
    expect(JSON.parse((await authz('DELETE', '/v1.41/volumes/huangpu_postgres')).body).Allow).toBe(false);
  });

  it('refuses what it cannot read, and never falls over', async () => {
    expect(JSON.parse((await post('/AuthZPlugin.AuthZReq', 'garbage')).body).Allow).toBe(false);
    expect(JSON.parse((await post('/AuthZPlugin.AuthZReq', '[1,2]')).body).Allow).toBe(false);
    expect(JSON.parse((await post('/AuthZPlugin.AuthZReq', Buffer.alloc(9 * 1024 * 1024, 0x20))).body).Msg).toMatch(/too large/);
    const unknown = await post('/Plugin.Nope', '{}');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).Err).toMatch(/unknown plugin endpoint/);
    expect(await raw(`POST /AuthZPlugin.AuthZReq HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`)).toMatch(/^HTTP\/1\.1 431/);
    expect(await raw('\x00\x01garbage\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    // A huge header from an API client arrives inside the JSON body: still judged.
    const big = JSON.stringify({ RequestMethod: 'DELETE', RequestURI: '/volumes/huangpu_postgres', RequestHeaders: { 'X-Big': 'a'.repeat(1024 * 1024) } });
    expect(JSON.parse((await post('/AuthZPlugin.AuthZReq', big)).body).Allow).toBe(false);
    expect(JSON.parse((await authz('GET', '/_ping')).body)).toEqual({ Allow: true });
  });

  it('refuses a container removal it cannot check when the engine does not answer', async () => {
    expect(JSON.parse((await authz('DELETE', '/containers/web?v=1')).body).Allow).toBe(false);
  });

  it('answers 500 requests from 50 concurrent clients without an error', async () => {
    let errors = 0;
    let refused = 0;
    const client = async (n: number) => {
      for (let i = 0; i < 10; i++) {
        const deletion = (n + i) % 10 === 0;
        try {
          const answer = JSON.parse((await authz(deletion ? 'DELETE' : 'GET', deletion ? '/volumes/huangpu_postgres' : '/containers/json')).body) as { Allow: boolean };
          if (answer.Allow === deletion) errors++;
          if (!answer.Allow) refused++;
        } catch {
          errors++;
        }
      }
    };
    await Promise.all(Array.from({ length: 50 }, (_, n) => client(n)));
    expect(errors).toBe(0);
    expect(refused).toBe(50);
  });
});

describe('the judge without a daemon', () => {
  it('registers nothing and does not wait', async () => {
    const start = Date.now();
    const outcome = await registerGrant({ volumes: ['a'], containers: [], prune: false, seconds: 5, argv: [], user: 'u' }, { COMPOSE_GUARD_GRANT_SOCKET: path.join(dir, 'none.sock') });
    expect(outcome).toEqual({ registered: false, why: 'no compose-guard daemon on this host' });
    expect(Date.now() - start).toBeLessThan(100);
  });
});
