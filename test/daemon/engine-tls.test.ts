// The TLS docker would use for a target: the environment's (DOCKER_TLS_VERIFY, DOCKER_TLS,
// DOCKER_CERT_PATH) for an address given directly, a context's own material (with its
// SkipTLSVerify) for a context.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { envTls, targetTls } from '../../src/daemon/engine-tls.js';

function contextDir(name: string, skip: boolean): string {
  const config = mkdtempSync(path.join(tmpdir(), 'cg-docker-'));
  const id = createHash('sha256').update(name).digest('hex');
  mkdirSync(path.join(config, 'contexts', 'tls', id, 'docker'), { recursive: true });
  writeFileSync(path.join(config, 'contexts', 'tls', id, 'docker', 'ca.pem'), 'CA');
  mkdirSync(path.join(config, 'contexts', 'meta', id), { recursive: true });
  writeFileSync(path.join(config, 'contexts', 'meta', id, 'meta.json'), JSON.stringify({ Name: name, Endpoints: { docker: { Host: 'tcp://h:2376', SkipTLSVerify: skip } } }));
  return config;
}

describe('targetTls', () => {
  it('a context with TLS material uses it, verifying unless SkipTLSVerify', () => {
    const config = contextDir('remote', false);
    expect(targetTls({ context: 'remote', endpoint: 'tcp://h:2376', source: 'DOCKER_CONTEXT' }, { DOCKER_CONFIG: config, DOCKER_TLS_VERIFY: '' }))
      .toMatchObject({ verify: true, ca: Buffer.from('CA'), from: 'context remote' });
    const skipping = contextDir('lax', true);
    expect(targetTls({ context: 'lax', endpoint: 'tcp://h:2376', source: '--context' }, { DOCKER_CONFIG: skipping })).toMatchObject({ verify: false });
  });

  it('a context without TLS material has none, whatever the environment says', () => {
    const config = mkdtempSync(path.join(tmpdir(), 'cg-docker-'));
    expect(targetTls({ context: 'plain', endpoint: 'tcp://h:2375', source: 'config.json' }, { DOCKER_CONFIG: config, DOCKER_TLS_VERIFY: '1' })).toBeUndefined();
  });

  it('`docker --config DIR`: a context\'s material is in DIR; the default certificate folder stays docker\'s own', () => {
    const config = contextDir('remote', false);
    const home = mkdtempSync(path.join(tmpdir(), 'cg-home-'));
    expect(targetTls({ context: 'remote' }, { HOME: home }, config)).toMatchObject({ verify: true, from: 'context remote' });
    expect(targetTls({ context: 'remote' }, { HOME: home })).toBeUndefined();
    expect(targetTls({ context: 'default' }, { HOME: home, DOCKER_TLS_VERIFY: '1' }, config)).toMatchObject({ from: `DOCKER_CERT_PATH ${path.join(home, '.docker')}` });
  });

  it('docker\'s TLS flags before the environment: --tlsverify (even =false) turns TLS on; named files replace DOCKER_CERT_PATH\'s', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cg-certs-'));
    writeFileSync(path.join(dir, 'ca.pem'), 'CA');
    writeFileSync(path.join(dir, 'cert.pem'), 'CERT');
    const other = path.join(mkdtempSync(path.join(tmpdir(), 'cg-other-')), 'other-ca.pem');
    writeFileSync(other, 'OTHER');
    const env = { DOCKER_CERT_PATH: dir };
    expect(targetTls({ context: 'default' }, env, undefined, { verify: true })).toMatchObject({ verify: true, ca: Buffer.from('CA'), cert: Buffer.from('CERT') });
    expect(targetTls({ context: 'default' }, { ...env, DOCKER_TLS_VERIFY: '1' }, undefined, { verify: false })).toMatchObject({ verify: false });
    expect(targetTls({ context: 'default' }, env, undefined, { tls: true })).toMatchObject({ verify: false });
    expect(targetTls({ context: 'default' }, { ...env, DOCKER_TLS: '1' }, undefined, { tls: false })).toBeUndefined();
    expect(targetTls({ context: 'default' }, env, undefined, { verify: true, cacert: other })).toMatchObject({ ca: Buffer.from('OTHER'), cert: Buffer.from('CERT'), from: `--tlscacert ${other}` });
    expect(() => targetTls({ context: 'default' }, env, undefined, { verify: true, cert: '/nonexistent/cert.pem' })).toThrow('--tlscert /nonexistent/cert.pem cannot be read');
    // A context's own material is the context's, whatever the flags say.
    const config = contextDir('remote', false);
    expect(targetTls({ context: 'remote' }, { DOCKER_CONFIG: config }, undefined, { verify: false })).toMatchObject({ verify: true, from: 'context remote' });
  });

  it('an address given directly takes the environment\'s TLS', () => {
    const config = mkdtempSync(path.join(tmpdir(), 'cg-docker-'));
    expect(targetTls({ context: 'default', endpoint: 'tcp://h:2376', source: 'DOCKER_HOST' }, { DOCKER_CONFIG: config, DOCKER_TLS_VERIFY: '1' })).toMatchObject({ verify: true, from: `DOCKER_CERT_PATH ${config}` });
    expect(targetTls({ context: 'default', endpoint: 'tcp://h:2375', source: 'DOCKER_HOST' }, { DOCKER_CONFIG: config })).toBeUndefined();
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
