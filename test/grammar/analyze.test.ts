import { describe, expect, it } from 'vitest';
import { convertStandalone } from '../../src/grammar/compose-v2.js';
import { analyzeCommand } from '../../src/grammar/analyze.js';
import { split, summary } from './table.js';

describe('Compose v2 run as docker-compose', () => {
  it.each([
    ['down -v', 'compose down -v'],
    ['--context default down -v', '--context default compose down -v'],
    ['-H unix:///x --tls down -v', '-H unix:///x --tls compose down -v'],
    ['--verbose -f a.yml down', '--debug compose -f a.yml down'],
    ['-v', 'compose version'],
    ['-h', 'compose --help'],
    ['--context=default down -v', 'compose --context=default down -v'],
  ])('%s becomes docker %s', (argv, expected) => {
    expect(convertStandalone(split(argv))).toEqual(split(expected));
  });

  it.each([
    ['down -v', ['compose-down-volumes'], false], // standalone
    ['--context default down -v', ['compose-down-volumes'], false], // 74
    ['--context=default down -v', [], true], // 73: Compose refuses --context=…, doubtful here
    ['-c default down -v', [], true],
    ['compose down -v', [], false], // unknown docker command "compose compose"
    ['--dry-run down -v', [], false],
  ])('docker-compose %s', (argv, kinds, uncertain) => {
    const [v2] = analyzeCommand('docker-compose', split(argv), {}, 'v2');
    expect(v2 && summary(v2)).toEqual({ kinds, uncertain });
  });

  it('parses as a plugin when DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND leaked in (75)', () => {
    const env = { DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND: 'docker' };
    expect(summary(analyzeCommand('docker-compose', split('compose down -v'), env, 'v2')[0]!).kinds).toEqual(['compose-down-volumes']);
    expect(summary(analyzeCommand('docker-compose', split('--dry-run down -v'), env, 'v2')[0]!).kinds).toEqual([]);
  });

  it('reads an unknown docker-compose every way', () => {
    const readings = analyzeCommand('docker-compose', split('down --vol'), {}, 'unknown');
    expect(readings.map(summary)).toEqual([
      { kinds: [], uncertain: true }, // v2 standalone: unknown flag
      { kinds: ['compose-down-volumes'], uncertain: false }, // v1: prefix of --volumes
      { kinds: [], uncertain: true }, // a wrapper running `docker compose "$@"`
    ]);
    expect(analyzeCommand('docker-compose', split('-v down -v'), {}, 'unknown').map(summary)).toEqual([
      { kinds: [], uncertain: false }, // v2 standalone: -v is `version`
      { kinds: [], uncertain: false }, // v1: prints the version
      { kinds: ['compose-down-volumes'], uncertain: false }, // wrapper: compose -v (version, ignored) down -v
    ]);
  });
});
