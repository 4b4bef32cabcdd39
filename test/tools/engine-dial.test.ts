// Reaching an engine as docker does: ssh:// addresses and the ssh command line docker runs, the
// TLS settings docker reads from the environment, and where each kind of address connects.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineDialer, envTls, parseSsh, sshArgv } from '../../src/tools/engine-dial.js';

describe('ssh:// addresses', () => {
  it.each([
    ['ssh://host', { host: 'host' }, ['--', 'host', 'docker', 'system', 'dial-stdio']],
    ['ssh://ops@host:2222', { user: 'ops', host: 'host', port: '2222' }, ['-l', 'ops', '-p', '2222', '--', 'host', 'docker', 'system', 'dial-stdio']],
    ['ssh://ops@10.0.0.5/run/user/1000/docker.sock', { user: 'ops', host: '10.0.0.5', socket: '/run/user/1000/docker.sock' },
      ['-l', 'ops', '--', '10.0.0.5', 'docker', '--host', 'unix:///run/user/1000/docker.sock', 'system', 'dial-stdio']],
  ])('%s', (endpoint, target, argv) => {
    expect(parseSsh(endpoint)).toEqual({ user: undefined, port: undefined, socket: undefined, ...target });
    expect(sshArgv(parseSsh(endpoint))).toEqual(['-o', 'ConnectTimeout=30', ...argv]);
  });

  it.each(['ssh://ops:secret@host', 'ssh://host?x=1', 'ssh://'])('refuses %s', (endpoint) => {
    expect(() => parseSsh(endpoint)).toThrow(/ssh:\/\//);
  });
});

describe('TLS from the environment', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cg-certs-'));
  writeFileSync(path.join(dir, 'ca.pem'), 'CA');
  writeFileSync(path.join(dir, 'cert.pem'), 'CERT');

  it('none without DOCKER_TLS_VERIFY or DOCKER_TLS', () => {
    expect(envTls({ DOCKER_CERT_PATH: dir }, '/nonexistent')).toBeUndefined();
    expect(envTls({ DOCKER_TLS_VERIFY: '' }, dir)).toBeUndefined();
  });

  it('DOCKER_TLS_VERIFY verifies; DOCKER_TLS does not; the files that are there are read', () => {
    expect(envTls({ DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir }, '/nonexistent')).toEqual({ verify: true, ca: Buffer.from('CA'), cert: Buffer.from('CERT'), key: undefined, from: `DOCKER_CERT_PATH ${dir}` });
    expect(envTls({ DOCKER_TLS: '1' }, dir)).toMatchObject({ verify: false, ca: Buffer.from('CA') });
  });
});

describe('engineDialer', () => {
  it('unix:// and plain tcp:// connect directly; tcp:// with TLS defaults to port 2376', () => {
    expect(engineDialer('unix:///run/docker.sock', undefined, {})).toEqual({ secure: false, options: { socketPath: '/run/docker.sock' } });
    expect(engineDialer('tcp://10.0.0.5', undefined, {})).toEqual({ secure: false, options: { host: '10.0.0.5', port: 2375 } });
    const tls = engineDialer('tcp://engine.example:2376', { verify: true, ca: Buffer.from('CA'), from: 'x' }, {});
    expect(tls).toMatchObject({ secure: true, options: { host: 'engine.example', port: 2376, servername: 'engine.example', rejectUnauthorized: true } });
    expect(engineDialer('tcp://127.0.0.1', { verify: false, from: 'x' }, {}).options).toMatchObject({ port: 2376, servername: '', rejectUnauthorized: false });
  });

  it('refuses TLS verification without a CA, and addresses it cannot reach', () => {
    expect(() => engineDialer('tcp://h:2376', { verify: true, from: 'DOCKER_CERT_PATH /x' }, {})).toThrow('no ca.pem in DOCKER_CERT_PATH /x');
    expect(() => engineDialer('npipe:////./pipe/docker_engine', undefined, {})).toThrow(/cannot be reached/);
  });

  it('ssh:// goes through an agent that keeps its connections', () => {
    const dialer = engineDialer('ssh://ops@host', undefined, {});
    expect(dialer.secure).toBe(false);
    expect(dialer.options.agent).toMatchObject({ keepAlive: true });
  });
});
