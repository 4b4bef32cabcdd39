// The TLS docker would use for a target: the environment's (DOCKER_TLS_VERIFY, DOCKER_TLS,
// DOCKER_CERT_PATH) for an address given directly, a context's own material (with its
// SkipTLSVerify) for a context.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeV1Tls, envTls, targetTls } from '../../src/daemon/engine-tls.js';
import type { ComposeV1Tls } from '../../src/grammar/command.js';

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

describe('composeV1Tls: Compose v1 (1.29.2) reads DOCKER_* and its -H TLS options by its own rules', () => {
  const home = mkdtempSync(path.join(tmpdir(), 'cg-home-'));
  mkdirSync(path.join(home, '.docker'));
  const certs = mkdtempSync(path.join(tmpdir(), 'cg-certs-'));
  for (const dir of [certs, path.join(home, '.docker')]) {
    for (const file of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(path.join(dir, file), `${file} in ${dir}`);
  }
  const halfCerts = mkdtempSync(path.join(tmpdir(), 'cg-certs-'));
  writeFileSync(path.join(halfCerts, 'cert.pem'), 'only a certificate');
  const flags = (o: Partial<ComposeV1Tls> = {}, hostFlag = true) => ({ tls: false, verify: false, skipHostnameCheck: false, hostFlag, ...o });
  const read = (dir: string, file: string) => Buffer.from(`${file} in ${dir}`);
  const dotDocker = path.join(home, '.docker');

  it.each([
    // Without -H: docker-py's kwargs_from_env.
    ['no settings: no TLS', {}, flags({}, false), undefined],
    ['DOCKER_CERT_PATH alone: no TLS (not verifying, v1 speaks plain HTTP)', { DOCKER_CERT_PATH: certs }, flags({}, false), undefined],
    ['DOCKER_TLS_VERIFY=0 verifies (any value but "")', { DOCKER_TLS_VERIFY: '0' }, flags({}, false), { verify: true, ca: read(dotDocker, 'ca.pem') }],
    ['DOCKER_TLS_VERIFY="" is off', { DOCKER_TLS_VERIFY: '' }, flags({}, false), undefined],
    ['DOCKER_TLS (docker\'s own) means nothing to v1', { DOCKER_TLS: '1' }, flags({}, false), undefined],
    ['-H\'s options mean nothing without -H', {}, flags({ verify: true, cacert: '/nowhere' }, false), undefined],
    // With -H: tls_config_from_options.
    ['-H, no options: no TLS', {}, flags(), undefined],
    ['-H --tlsverify: ~/.docker\'s files', {}, flags({ verify: true }), { verify: true, ca: read(dotDocker, 'ca.pem'), cert: read(dotDocker, 'cert.pem') }],
    ['-H, DOCKER_TLS_VERIFY=0 is off by Compose\'s reading', { DOCKER_TLS_VERIFY: '0' }, flags(), undefined],
    ['-H, DOCKER_TLS_VERIFY=FALSE is off', { DOCKER_TLS_VERIFY: 'FALSE' }, flags(), undefined],
    ['-H, DOCKER_TLS_VERIFY=yes verifies', { DOCKER_TLS_VERIFY: 'yes', DOCKER_CERT_PATH: certs }, flags(), { verify: true, ca: read(certs, 'ca.pem') }],
    ['-H, DOCKER_CERT_PATH alone: no TLS', { DOCKER_CERT_PATH: certs }, flags(), undefined],
    ['-H, quoted --tlscacert with --tlsverify', {}, flags({ verify: true, cacert: `"${path.join(certs, 'ca.pem')}"` }), { verify: true, ca: read(certs, 'ca.pem'), cert: undefined }],
    ['-H, the options win over DOCKER_CERT_PATH', { DOCKER_CERT_PATH: certs }, flags({ verify: true, cacert: path.join(dotDocker, 'ca.pem') }), { ca: read(dotDocker, 'ca.pem'), cert: undefined }],
    ['-H, COMPOSE_TLS_VERSION alone: no TLS', { COMPOSE_TLS_VERSION: 'TLSv1_2' }, flags(), undefined],
    ['-H --tls with COMPOSE_TLS_VERSION: no TLS, and no failure', { COMPOSE_TLS_VERSION: 'TLSv1_2' }, flags({ tls: true }), undefined],
    ['-H --skip-hostname-check', {}, flags({ verify: true, skipHostnameCheck: true }), { verify: true, skipHostname: true }],
    // requests, under docker-py, verifies with REQUESTS_CA_BUNDLE (else CURL_CA_BUNDLE) when one is set, even with --tlscacert.
    ['-H --tlsverify --tlscacert, REQUESTS_CA_BUNDLE set: the bundle', { REQUESTS_CA_BUNDLE: path.join(dotDocker, 'ca.pem') }, flags({ verify: true, cacert: path.join(certs, 'ca.pem') }), { ca: read(dotDocker, 'ca.pem') }],
    ['CURL_CA_BUNDLE likewise, without -H', { CURL_CA_BUNDLE: path.join(certs, 'ca.pem'), DOCKER_TLS_VERIFY: '1' }, flags({}, false), { ca: read(certs, 'ca.pem') }],
    ['DOCKER_TLS_VERIFY with DOCKER_CERT_PATH: its files', { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs }, flags({}, false), { verify: true, ca: read(certs, 'ca.pem'), key: read(certs, 'key.pem') }],
  ])('%s', (_, env, given, expected) => {
    const material = composeV1Tls({ HOME: home, ...env }, given);
    if (expected === undefined) expect(material).toBeUndefined();
    else expect(material).toMatchObject(expected);
  });

  it.each([
    ['-H --tls alone (v1 fails building its settings)', {}, flags({ tls: true }), /--tls without/],
    ['-H, a client certificate without its key', {}, flags({ cert: path.join(certs, 'cert.pem') }), /must both be there/],
    ['-H --tlsverify, a CA file that is not there', {}, flags({ verify: true, cacert: path.join(certs, 'none.pem') }), /no CA certificate/],
    ['DOCKER_CERT_PATH without a key (checked even when not verifying)', { DOCKER_CERT_PATH: halfCerts }, flags({}, false), /must both be there/],
    ['verifying with a REQUESTS_CA_BUNDLE that is not there', { REQUESTS_CA_BUNDLE: path.join(certs, 'none.pem'), DOCKER_TLS_VERIFY: '1' }, flags({}, false), /CA bundle .* is not there/],
  ])('Compose v1 refuses: %s', (_, env, given, message) => {
    expect(() => composeV1Tls({ HOME: home, ...env }, given)).toThrow(message);
  });
});
