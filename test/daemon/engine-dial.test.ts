// Where each kind of engine address leads, as docker reads it.
import { describe, expect, it } from 'vitest';
import { engineTransport, tcpAddress } from '../../src/daemon/engine-dial.js';
import type { TlsMaterial } from '../../src/daemon/engine-tls.js';

describe('engineTransport', () => {
  const tls = { verify: true, ca: Buffer.from('CA'), from: 'x' };
  it.each<[string, TlsMaterial | undefined, object]>([
    ['unix:///run/docker.sock', undefined, { kind: 'unix', socketPath: '/run/docker.sock' }],
    ['tcp://10.0.0.5', undefined, { kind: 'tcp', host: '10.0.0.5', port: 2375 }],
    ['tcp://:2375', undefined, { kind: 'tcp', host: '127.0.0.1', port: 2375 }],
    ['tcp://[::1]:2375/', undefined, { kind: 'tcp', host: '::1', port: 2375 }],
    ['tcp://engine.example', tls, { kind: 'tls', host: 'engine.example', port: 2376, options: expect.objectContaining({ servername: 'engine.example', rejectUnauthorized: true }) }],
    ['tcp://127.0.0.1:2376', tls, { kind: 'tls', options: expect.objectContaining({ host: '127.0.0.1', port: 2376, servername: '' }) }],
    ['tcp://h', { verify: false, from: 'x' }, { kind: 'tls', port: 2376, options: expect.objectContaining({ rejectUnauthorized: false }) }],
    ['ssh://ops@db:2222', undefined, { kind: 'ssh', target: { user: 'ops', host: 'db', port: '2222', socket: undefined } }],
  ])('%s', (endpoint, material, expected) => {
    expect(engineTransport(endpoint, material)).toMatchObject(expected);
  });

  it.each<[string, { verify: boolean; from: string } | undefined, RegExp]>([
    ['tcp://db:99999', undefined, /not a tcp:\/\/ address/],
    ['tcp://a b:1', undefined, /not a tcp:\/\/ address/],
    ['tcp://h:2376', { verify: true, from: 'DOCKER_CERT_PATH /x' }, /no ca\.pem in DOCKER_CERT_PATH \/x/],
    ['ssh://ops:pw@h', undefined, /password/],
    ['npipe:////./pipe/docker_engine', undefined, /cannot be reached/],
  ])('refuses %s', (endpoint, material, message) => {
    expect(() => engineTransport(endpoint, material)).toThrow(message);
  });

  it('tcpAddress takes the default port only when none is given', () => {
    expect(tcpAddress('tcp://h', 2376)).toEqual({ host: 'h', port: 2376 });
    expect(tcpAddress('tcp://h:1', 2376)).toEqual({ host: 'h', port: 1 });
    expect(tcpAddress('unix:///x', 2375)).toBeUndefined();
  });
});
