// The daemon a command addresses, in the docker CLI's order, from flags, environment and the
// config directory's contexts.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { configDir, DEFAULT_ENDPOINT, resolveTarget, unknownTarget } from '../../src/daemon/target.js';
import { memoryFs } from '../helpers/memory-fs.js';

const HOME = '/home/ann';
const meta = (dir: string, name: string, host: string) => ({
  [`${dir}/contexts/meta/${createHash('sha256').update(name).digest('hex')}/meta.json`]: JSON.stringify({ Name: name, Endpoints: { docker: { Host: host } } }),
});
const files = {
  [`${HOME}/.docker/config.json`]: JSON.stringify({ currentContext: 'staging' }),
  ...meta(`${HOME}/.docker`, 'staging', 'ssh://deploy@staging'),
  ...meta(`${HOME}/.docker`, 'prod', 'tcp://prod:2376'),
  ...meta('/etc/other', 'prod', 'unix:///other.sock'),
};
const fs = memoryFs(files);

describe('resolveTarget', () => {
  it.each<[string, Parameters<typeof resolveTarget>[0], Record<string, string>, object]>([
    ['--context first', { context: 'prod', host: 'tcp://h:1' }, { DOCKER_HOST: 'tcp://env:1' }, { context: 'prod', endpoint: 'tcp://prod:2376', source: '--context' }],
    ['-H before the environment', { host: 'tcp://h:1' }, { DOCKER_HOST: 'tcp://env:1', DOCKER_CONTEXT: 'prod' }, { context: 'default', endpoint: 'tcp://h:1', source: '-H' }],
    ['DOCKER_HOST before DOCKER_CONTEXT', {}, { DOCKER_HOST: 'tcp://env:1', DOCKER_CONTEXT: 'prod' }, { context: 'default', endpoint: 'tcp://env:1', source: 'DOCKER_HOST' }],
    ['DOCKER_CONTEXT before config.json', {}, { DOCKER_CONTEXT: 'prod' }, { context: 'prod', endpoint: 'tcp://prod:2376', source: 'DOCKER_CONTEXT' }],
    ['config.json\'s currentContext', {}, {}, { context: 'staging', endpoint: 'ssh://deploy@staging', source: 'config.json' }],
    ['--config moves the config directory', { configDir: '/etc/other', context: 'prod' }, {}, { context: 'prod', endpoint: 'unix:///other.sock', source: '--context' }],
    ['DOCKER_CONFIG moves it too', {}, { DOCKER_CONFIG: '/etc/other', DOCKER_CONTEXT: 'prod' }, { context: 'prod', endpoint: 'unix:///other.sock', source: 'DOCKER_CONTEXT' }],
    ['the default context is the local socket', { context: 'default' }, {}, { context: 'default', endpoint: DEFAULT_ENDPOINT, source: '--context' }],
    ['… or DOCKER_HOST when set', { context: 'default' }, { DOCKER_HOST: 'tcp://env:1' }, { context: 'default', endpoint: 'tcp://env:1', source: '--context' }],
    ['a context with no metadata: named, endpoint unknown', { context: 'ghost' }, {}, { context: 'ghost', source: '--context' }],
    ['nothing set anywhere', {}, { HOME: '/nowhere' }, { context: 'default', endpoint: DEFAULT_ENDPOINT, source: 'default' }],
  ])('%s', (_, flags, env, expected) => {
    expect(resolveTarget(flags, { HOME, ...env }, fs)).toEqual(expected);
  });

  it.each([
    ['not JSON', 'not json'],
    ['an empty currentContext', '{"currentContext":""}'],
    ['a currentContext that is not text', '{"currentContext":7}'],
  ])('ignores a config.json with %s', (_, text) => {
    expect(resolveTarget({}, { HOME }, memoryFs({ [`${HOME}/.docker/config.json`]: text }))).toEqual({ context: 'default', endpoint: DEFAULT_ENDPOINT, source: 'default' });
  });

  it('names a context whose metadata is broken, without an endpoint', () => {
    const broken = memoryFs({ [`${HOME}/.docker/contexts/meta/${createHash('sha256').update('x').digest('hex')}/meta.json`]: '{' });
    expect(resolveTarget({ context: 'x' }, { HOME }, broken)).toEqual({ context: 'x', source: '--context' });
  });
});

describe('configDir', () => {
  it('is --config, else DOCKER_CONFIG, else ~/.docker', () => {
    expect(configDir({ configDir: '/a' }, { DOCKER_CONFIG: '/b', HOME })).toBe('/a');
    expect(configDir({}, { DOCKER_CONFIG: '/b', HOME })).toBe('/b');
    expect(configDir({}, { HOME })).toBe(`${HOME}/.docker`);
    expect(configDir({}, {})).toBe('/.docker');
  });
});

describe('unknownTarget', () => {
  it('says why, and is of no known context', () => {
    expect(unknownTarget('the .env could not be read')).toEqual({ context: 'unknown', source: 'unknown', unknown: 'the .env could not be read' });
  });
});
