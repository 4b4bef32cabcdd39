// The engine client against a fake engine socket: every answer that is not a complete, well
// formed 2xx in time is EngineUnreachable within the request's deadline, and never more than
// the size cap is held in memory. Over TLS, a TLS server with openssl-made certificates.
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hasOpenssl, makeCerts, type TestCerts } from '../helpers/certs.js';
import { connectEngine, containerList, engineEndpoint, EngineUnreachable, engineWhere, volumeList, type EngineWhere } from '../../src/daemon/engine.js';
import { startFakeEngine, type FakeEngine, type FakeEngineMode } from '../helpers/fake-engine.js';

let engine: FakeEngine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

const BOUNDS = { deadlineMs: 1000, maxBytes: 1024 * 1024 };

async function ask(mode: FakeEngineMode) {
  engine = await startFakeEngine(mode);
  const client = connectEngine(engine.endpoint, {}, BOUNDS)!;
  const started = performance.now();
  const settle = async <T>(p: Promise<T>) => p.then((value) => ({ value }), (error: unknown) => ({ error }));
  const [volumes, containers] = await Promise.all([settle(client.volumes({ label: ['x=y'] })), settle(client.containers())]);
  return { volumes, containers, ms: performance.now() - started };
}

describe('the engine client against a fake socket', () => {
  it('reads a good answer', async () => {
    const { volumes, containers } = await ask('ok');
    expect(volumes).toEqual({ value: [expect.objectContaining({ Name: 'proj_data' })] });
    expect(containers).toMatchObject({ value: [{ Id: 'c1', Mounts: [{ Type: 'volume' }] }] });
    expect(engine?.requests).toContain(`/volumes?filters=${encodeURIComponent('{"label":["x=y"]}')}`);
  });

  it('takes null Labels and Mounts as empty', async () => {
    const { volumes, containers } = await ask('nulls');
    expect(volumes).toEqual({ value: [{ Name: 'proj_data', Labels: {} }] });
    expect(containers).toEqual({ value: [{ Id: 'c1', Names: ['/proj-db-1'], Labels: {}, Mounts: [] }] });
  });

  it('waits for a slow answer inside the deadline', async () => {
    const { volumes } = await ask('slow');
    expect(volumes).toHaveProperty('value');
  });

  // Every way a reply can fail is in http-get.test.ts; here, that both lists pass it on in time.
  it.each<[FakeEngineMode, RegExp]>([
    ['500', /answered 500/],
    ['hang', /did not answer .* within 1000 ms/],
    ['endless', /larger than 1048576 bytes/],
  ])('%s: unreachable, in time', async (mode, message) => {
    const { volumes, containers, ms } = await ask(mode);
    for (const outcome of [volumes, containers]) {
      expect(outcome).toHaveProperty('error');
      const error = (outcome as { error: unknown }).error;
      expect(error).toBeInstanceOf(EngineUnreachable);
      expect((error as Error).message).toMatch(message);
    }
    expect(ms).toBeLessThan(BOUNDS.deadlineMs + 1000);
  });

  it("counts each volume's size with /system/df, leaving out the ones the engine could not count, within its own deadline", async () => {
    engine = await startFakeEngine('ok');
    expect(await connectEngine(engine.endpoint, {}, BOUNDS)!.volumeSizes!(500)).toEqual(new Map([['proj_data', 4096]]));
    expect(engine.requests).toContain('/system/df?type=volume');
    await engine.close();
    engine = await startFakeEngine('slow');
    const started = performance.now();
    await expect(connectEngine(engine.endpoint, {}, BOUNDS)!.volumeSizes!(100)).rejects.toBeInstanceOf(EngineUnreachable);
    expect(performance.now() - started).toBeLessThan(400);
  });

  it('reports an engine that is not there as unreachable', async () => {
    await expect(connectEngine('unix:///nonexistent/docker.sock', {})!.volumes()).rejects.toBeInstanceOf(EngineUnreachable);
  });
});

describe('answers of the wrong shape', () => {
  it.each([
    ['a volume list that is a list', () => volumeList([])],
    ['a volume without a name', () => volumeList({ Volumes: [{ Labels: {} }] })],
    ['labels that are not strings', () => volumeList({ Volumes: [{ Name: 'x', Labels: { a: 1 } }] })],
    ['a container list that is an object', () => containerList({})],
    ['mounts that are not a list', () => containerList([{ Id: 'c', Mounts: 'x' }])],
  ])('%s is unreachable, not a crash', (_, read) => {
    expect(read).toThrow(EngineUnreachable);
  });

  it('takes a missing volume list as none', () => {
    expect(volumeList({ Volumes: null })).toEqual([]);
  });
});

describe('engineWhere', () => {
  it('takes --config and the TLS flags from the reading and the context from the target, not the flags', () => {
    const tls = { verify: true, cacert: '/c/ca.pem' };
    expect(engineWhere({ context: 'flag-ctx', host: 'tcp://h:2376', configDir: '/cfg', tls }, 'chosen')).toEqual({ context: 'chosen', configDir: '/cfg', tls });
    expect(engineWhere({}, undefined)).toEqual({ context: undefined, configDir: undefined, tls: undefined });
  });
});

describe('endpoints', () => {
  it.each<[string, Record<string, string>, object | undefined]>([
    ['unix:///run/docker.sock', {}, { socketPath: '/run/docker.sock' }],
    ['tcp://:2375', {}, { host: '127.0.0.1', port: 2375 }],
    ['tcp://10.0.0.1', {}, { host: '10.0.0.1', port: 2375 }],
    ['tcp://db:2376/', {}, { host: 'db', port: 2376 }],
    ['tcp://[::1]:2375', {}, { host: '::1', port: 2375 }],
    ['tcp://db:2376', { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/nonexistent' }, { open: expect.any(Function) }],
    ['tcp://db:2376', { DOCKER_TLS: '1', DOCKER_CERT_PATH: '/nonexistent' }, { open: expect.any(Function) }],
    ['ssh://deploy@db', {}, { open: expect.any(Function) }],
    ['tcp://db:99999', {}, undefined],
    ['tcp://a b:1', {}, undefined],
    ['ssh://deploy:pw@db', {}, undefined],
    ['npipe:////./pipe/docker_engine', {}, undefined],
  ])('%s', (endpoint, env, expected) => {
    expect(engineEndpoint(endpoint, env)).toEqual(expected);
  });
});

describe.skipIf(!hasOpenssl)('tcp:// with TLS, as docker reads its settings', () => {
  let certs: TestCerts;
  let server: TlsServer | undefined;
  let connections = 0;
  beforeAll(async () => {
    certs = makeCerts();
    // An engine that checks client certificates, as dockerd --tlsverify does.
    server = createTlsServer({ ...certs.server, requestCert: true, rejectUnauthorized: true }, (socket) => {
      socket.once('data', () => {
        const body = JSON.stringify({ Volumes: [{ Name: 'shop_data', Labels: null }] });
        socket.end(`HTTP/1.0 200 OK\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
      });
    });
    server.on('connection', () => { connections += 1; });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => { server?.close(); });
  const endpoint = () => `tcp://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  const volumes = async (env: Record<string, string>, where?: EngineWhere) => {
    const started = performance.now();
    const outcome = await connectEngine(endpoint(), env, BOUNDS, where)!.volumes().then((value) => ({ value }), (error: unknown) => ({ error }));
    return { ...outcome, ms: performance.now() - started };
  };

  it('DOCKER_TLS_VERIFY with DOCKER_CERT_PATH: the engine is asked', async () => {
    expect(await volumes({ DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs.good })).toMatchObject({ value: [{ Name: 'shop_data' }] });
  });

  it('a context\'s own TLS material, whatever the environment says', async () => {
    const config = mkdtempSync(path.join(tmpdir(), 'cg-docker-'));
    const id = createHash('sha256').update('remote').digest('hex');
    mkdirSync(path.join(config, 'contexts', 'meta', id), { recursive: true });
    writeFileSync(path.join(config, 'contexts', 'meta', id, 'meta.json'), JSON.stringify({ Name: 'remote', Endpoints: { docker: { Host: endpoint() } } }));
    cpSync(certs.good, path.join(config, 'contexts', 'tls', id, 'docker'), { recursive: true });
    expect(await volumes({ DOCKER_CONFIG: config, DOCKER_CERT_PATH: certs.rogue }, { context: 'remote' })).toMatchObject({ value: [{ Name: 'shop_data' }] });
    // `docker --config DIR`: the context's files are in DIR.
    expect(await volumes({ DOCKER_CERT_PATH: certs.rogue }, { context: 'remote', configDir: config })).toMatchObject({ value: [{ Name: 'shop_data' }] });
    expect(await volumes({ DOCKER_CERT_PATH: certs.rogue }, { context: 'remote' })).toHaveProperty('error');
  });

  it.each<[string, (c: TestCerts) => Record<string, string>]>([
    ['an engine certificate the CA does not vouch for', (c) => ({ DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: c.rogue })],
    ['no client certificate', (c) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'cg-ca-only-'));
      cpSync(path.join(c.good, 'ca.pem'), path.join(dir, 'ca.pem'));
      return { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir };
    }],
    ['plain HTTP to a TLS engine', () => ({})],
  ])('%s: unreachable, in time', async (_, env) => {
    const outcome = await volumes(env(certs));
    expect((outcome as { error: unknown }).error).toBeInstanceOf(EngineUnreachable);
    expect(outcome.ms).toBeLessThan(BOUNDS.deadlineMs + 500);
  });

  it('docker\'s TLS flags: -H with --tlsverify and named files', async () => {
    expect(await volumes({}, { tls: { verify: true, cacert: path.join(certs.good, 'ca.pem'), cert: path.join(certs.good, 'cert.pem'), key: path.join(certs.good, 'key.pem') } })).toMatchObject({ value: [{ Name: 'shop_data' }] });
    const before = connections;
    const missing = await volumes({}, { tls: { verify: true, cacert: '/nonexistent/ca.pem' } });
    expect((missing as { error: Error }).error).toBeInstanceOf(EngineUnreachable);
    expect((missing as { error: Error }).error.message).toMatch('--tlscacert /nonexistent/ca.pem cannot be read');
    expect(connections).toBe(before);
  });

  it('verification without a CA: unreachable without connecting', async () => {
    const before = connections;
    const outcome = await volumes({ DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: mkdtempSync(path.join(tmpdir(), 'cg-no-ca-')) });
    expect((outcome as { error: Error }).error).toBeInstanceOf(EngineUnreachable);
    expect((outcome as { error: Error }).error.message).toMatch(/no ca\.pem/);
    expect(connections).toBe(before);
  });
});
