// The daemon one reading addresses: Compose v1 finds it by its own order and also takes its
// DOCKER_* settings from the project's .env (the process environment wins); v2 and docker do not.
import { describe, expect, it } from 'vitest';
import { analyzeComposeV1 } from '../../src/grammar/compose-v1.js';
import { analyzeDocker } from '../../src/grammar/docker.js';
import { readingEnv, readingTarget } from '../../src/daemon/reading-target.js';
import { resolveTargetV1 } from '../../src/daemon/target.js';
import { memoryFs } from '../helpers/memory-fs.js';

const env = { HOME: '/home/ann' };
const fs = memoryFs({
  '/srv/app/.env': 'DOCKER_HOST=ssh://prod\nOTHER=1\n',
  '/srv/app/deploy/.env': 'DOCKER_HOST=tcp://from-deploy:2375\n',
  '/srv/app/prod.env': 'DOCKER_HOST=tcp://from-env-file:2375\n',
  '/srv/app/ctx.env': 'DOCKER_CONTEXT=default\n',
  '/srv/app/broken.env': 'A="unterminated\n',
  '/srv/app/interp.env': 'DOCKER_HOST=tcp://${PROD_HOST}:2375\n',
  '/srv/app/tls.env': 'DOCKER_HOST=tcp://prod:2376\nDOCKER_TLS_VERIFY=1\nDOCKER_CERT_PATH=/srv/app/certs\nOTHER=1\n',
  '/srv/app/sub/prod.env': 'DOCKER_HOST=tcp://from-sub:2375\n',
  '/srv/app/sub/compose.yaml': 'services: {}\n',
});
const v1 = (line: string) => analyzeComposeV1(line.split(' '));

describe('readingTarget', () => {
  it.each<[string, string, Record<string, string>, string | undefined, string]>([
    ['v1 reads .env in the working directory', 'down -v', {}, 'ssh://prod', 'DOCKER_HOST'],
    ['the process environment wins over .env', 'down -v', { DOCKER_HOST: 'tcp://mine:2375' }, 'tcp://mine:2375', 'DOCKER_HOST'],
    ['-H wins over both', '-H tcp://flag:1 down -v', { DOCKER_HOST: 'tcp://mine:2375' }, 'tcp://flag:1', '-H'],
    ['the first -f file\'s folder', '-f deploy/compose.yml down -v', {}, 'tcp://from-deploy:2375', 'DOCKER_HOST'],
    ['--project-directory before the -f folder', '--project-directory . -f deploy/compose.yml down -v', {}, 'ssh://prod', 'DOCKER_HOST'],
    ['the last --env-file', '--env-file nothing.env --env-file prod.env down -v', {}, 'tcp://from-env-file:2375', 'DOCKER_HOST'],
    ['a .env that cannot be parsed is ignored', '--env-file broken.env down -v', {}, 'unix:///var/run/docker.sock', 'default'],
    ['values interpolate from the environment', '--env-file interp.env down -v', { PROD_HOST: 'db9' }, 'tcp://db9:2375', 'DOCKER_HOST'],
    ['DOCKER_CONTEXT means nothing to v1, from .env either', '--env-file ctx.env down -v', {}, 'unix:///var/run/docker.sock', 'default'],
    // Compose v1 joins --env-file to the current folder (Environment.from_env_file), not to the project's.
    ['--env-file from the current folder, whatever --project-directory says', '--project-directory sub --env-file prod.env down -v', {}, 'tcp://from-env-file:2375', 'DOCKER_HOST'],
  ])('%s', (_, line, extra, endpoint, source) => {
    const target = readingTarget(v1(line), { ...env, ...extra }, '/srv/app', fs);
    expect(target.endpoint).toBe(endpoint);
    expect(target.source).toBe(source);
  });

  it('v1 takes the first file of COMPOSE_FILE when there is no -f', () => {
    expect(readingTarget(v1('down -v'), { ...env, COMPOSE_FILE: 'deploy/compose.yml:other.yml' }, '/srv/app', fs).endpoint).toBe('tcp://from-deploy:2375');
  });

  it('an undefined variable in the process environment does not hide the .env value', () => {
    expect(readingTarget(v1('down -v'), { ...env, DOCKER_HOST: undefined }, '/srv/app', fs).endpoint).toBe('ssh://prod');
  });

  it('docker and Compose v2 ignore .env for the daemon', () => {
    expect(readingTarget(analyzeDocker(['compose', 'down', '-v']), env, '/srv/app', fs)).toEqual({ context: 'default', endpoint: 'unix:///var/run/docker.sock', source: 'default' });
    expect(readingTarget(analyzeDocker(['volume', 'rm', 'x']), env, '/srv/app', fs).source).toBe('default');
  });
});

describe('readingEnv', () => {
  it('v1 reaches its daemon with the TLS settings of .env too (the process environment wins)', () => {
    const reached = readingEnv(v1('--env-file tls.env down -v'), { ...env, DOCKER_CERT_PATH: '/home/ann/certs' }, '/srv/app', fs);
    expect(reached).toEqual({ ...env, DOCKER_HOST: 'tcp://prod:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/home/ann/certs' });
  });

  it('v1 takes COMPOSE_TLS_VERSION from .env, and no CA bundle (requests reads those from the process only)', () => {
    const files = memoryFs({ '/srv/app/.env': 'COMPOSE_TLS_VERSION=TLSv1_2\nREQUESTS_CA_BUNDLE=/x.pem\nCURL_CA_BUNDLE=/y.pem\n' });
    expect(readingEnv(v1('down -v'), env, '/srv/app', files)).toEqual({ ...env, COMPOSE_TLS_VERSION: 'TLSv1_2' });
  });

  it('docker, Compose v2 and a v1 project without those settings: the environment as it is', () => {
    expect(readingEnv(analyzeDocker(['compose', '--env-file', 'tls.env', 'down', '-v']), env, '/srv/app', fs)).toBe(env);
    expect(readingEnv(v1('--env-file nothing.env down -v'), env, '/srv/app', fs)).toBe(env);
  });
});

describe('resolveTargetV1: Compose v1\'s own order (compose/cli/command.py, docker_client.py, docker-py\'s contexts)', () => {
  const config = '/home/ann/.docker';
  const withCurrent = memoryFs({
    [`${config}/config.json`]: '{"currentContext": "remote"}',
  });
  it.each<[string, { context?: string; host?: string }, Record<string, string>, string | undefined, string]>([
    ['--context default is the unix socket, whatever DOCKER_HOST says', { context: 'default' }, { DOCKER_HOST: 'tcp://mine:2375' }, 'unix:///var/run/docker.sock', '--context'],
    ['-H with nothing in it is the unix socket', { host: '' }, { DOCKER_HOST: 'tcp://mine:2375' }, 'unix:///var/run/docker.sock', '-H'],
    ['-H=ADDRESS loses its equals sign', { host: '=tcp://h:1' }, {}, 'tcp://h:1', '-H'],
    ['DOCKER_HOST', {}, { DOCKER_HOST: 'tcp://mine:2375', DOCKER_CONTEXT: 'remote' }, 'tcp://mine:2375', 'DOCKER_HOST'],
    ['DOCKER_CONTEXT means nothing (the current context, remote, is taken)', {}, { DOCKER_CONTEXT: 'default' }, undefined, 'config.json'],
    ['DOCKER_CERT_PATH turns TLS on: the unix socket, not the current context', {}, { DOCKER_CERT_PATH: '/certs' }, 'unix:///var/run/docker.sock', 'default'],
    ['DOCKER_TLS_VERIFY likewise', {}, { DOCKER_TLS_VERIFY: '0' }, 'unix:///var/run/docker.sock', 'default'],
  ])('%s', (_, flags, extra, endpoint, source) => {
    const target = resolveTargetV1(flags, { HOME: '/home/ann', ...extra }, withCurrent);
    expect([target.endpoint, target.source]).toEqual([endpoint, source]);
  });

  it('config.json\'s currentContext otherwise; DOCKER_TLS_VERIFY="" does not turn TLS on', () => {
    for (const extra of [{}, { DOCKER_TLS_VERIFY: '' }]) {
      expect(resolveTargetV1({}, { HOME: '/home/ann', ...extra }, withCurrent)).toMatchObject({ context: 'remote', source: 'config.json' });
    }
  });

  it('-H beside --context is refused by v1: the daemon is unknown', () => {
    expect(resolveTargetV1({ context: 'remote', host: 'tcp://h:1' }, { HOME: '/home/ann' }, withCurrent)).toMatchObject({ context: 'unknown' });
  });
});
