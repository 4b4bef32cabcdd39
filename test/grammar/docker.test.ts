import { describe, expect, it } from 'vitest';
import { analyzeDocker, parseDockerGlobals } from '../../src/grammar/docker.js';
import { split, summary } from './table.js';
import { DOCKER_ROWS as rows } from './docker.table.js';

describe('docker grammar', () => {
  it.each(rows)('docker $argv', ({ argv, kinds = [], uncertain = false }) => {
    expect(summary(analyzeDocker(split(argv)))).toEqual({ kinds, uncertain });
  });

  it.each([
    ['--context prod compose down -v', { context: 'prod' }],
    ['-c=prod compose down -v', { context: 'prod' }],
    ['-H ssh://a -H ssh://b ps', { host: 'ssh://b' }],
    ['--host=tcp://x:2375 ps', { host: 'tcp://x:2375' }],
    ['--config /etc/d ps', { configDir: '/etc/d' }],
    ['--tlsverify -H tcp://h:2376 --tlscacert /c/ca.pem --tlscert=/c/cert.pem --tlskey /c/key.pem compose down -v', { host: 'tcp://h:2376', tls: { verify: true, cacert: '/c/ca.pem', cert: '/c/cert.pem', key: '/c/key.pem' } }],
    ['--tls ps', { tls: { tls: true, verify: undefined } }],
  ])('reads the target from %s', (argv, expected) => {
    expect(parseDockerGlobals(split(argv)).target).toMatchObject(expected);
  });

  it('--tlsverify=false still says TLS; a path\'s surrounding quotes are dropped, as docker drops them', () => {
    expect(parseDockerGlobals(['--tlsverify=false', '--tlscacert', "'/c/ca.pem'", 'ps']).target.tls).toMatchObject({ verify: false, cacert: '/c/ca.pem' });
  });

  it('no TLS flag, no TLS settings', () => {
    expect(parseDockerGlobals(split('-H tcp://h:2376 ps')).target.tls).toBeUndefined();
  });

  it('keeps volume names given to volume rm', () => {
    const [op] = analyzeDocker(split('volume rm -f huangpu_postgres huangpu_minio')).operations;
    expect(op?.volumeNames).toEqual(['huangpu_postgres', 'huangpu_minio']);
  });

  it('collects the compose invocation', () => {
    const a = analyzeDocker(split('compose -f a.yml --file=b.yml -p proj --profile x --profile y,z --env-file e --project-directory d down -v svc'));
    expect(a.compose).toMatchObject({
      generation: 'v2', subcommand: 'down', files: ['a.yml', 'b.yml'], projectName: 'proj',
      profiles: ['x', 'y,z'], envFiles: ['e'], projectDirectory: 'd', services: ['svc'],
    });
  });
});
