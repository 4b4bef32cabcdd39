// Which compose files a command reads: discovery upward from the project directory, in each
// generation's order, with at most the first override file; COMPOSE_FILE splitting; stdin and
// remote sources.
import { describe, expect, it } from 'vitest';
import { discoverFiles, isRemote, isStdin, splitComposeFile } from '../../src/project/files.js';
import { memoryFs } from '../helpers/memory-fs.js';

function discover(names: string[], generation: 'v1' | 'v2', start = '/srv/app/sub') {
  return discoverFiles(start, generation, memoryFs(Object.fromEntries(names.map((n) => [n, '']))));
}

describe('discoverFiles', () => {
  it.each([
    // [files present, generation, found]
    [['/srv/app/sub/compose.yaml', '/srv/app/sub/docker-compose.yml'], 'v2', ['/srv/app/sub/compose.yaml']],
    [['/srv/app/sub/compose.yaml', '/srv/app/sub/docker-compose.yml'], 'v1', ['/srv/app/sub/docker-compose.yml']],
    [['/srv/app/sub/compose.yml', '/srv/app/sub/docker-compose.yaml'], 'v2', ['/srv/app/sub/compose.yml']],
    [['/srv/app/compose.yaml'], 'v2', ['/srv/app/compose.yaml']], // found upward
    [['/compose.yaml'], 'v2', ['/compose.yaml']],
    [['/srv/app/sub/compose.yaml', '/srv/app/sub/compose.override.yaml'], 'v2', ['/srv/app/sub/compose.yaml', '/srv/app/sub/compose.override.yaml']],
    [['/srv/app/sub/compose.yaml', '/srv/app/sub/compose.override.yml', '/srv/app/sub/docker-compose.override.yml'], 'v2', ['/srv/app/sub/compose.yaml', '/srv/app/sub/compose.override.yml']],
    [['/srv/app/compose.override.yaml', '/srv/app/sub/compose.yaml'], 'v2', ['/srv/app/sub/compose.yaml']], // overrides only beside the file
    [[], 'v2', undefined],
  ] as const)('%j (%s)', (names, generation, found) => {
    expect(discover([...names], generation)).toEqual(found);
  });

  it('v1 refuses more than one override file', () => {
    expect(() => discover(['/srv/app/sub/docker-compose.yml', '/srv/app/sub/docker-compose.override.yml', '/srv/app/sub/compose.override.yml'], 'v1'))
      .toThrow(/found multiple override files/);
  });
});

describe('COMPOSE_FILE and sources', () => {
  it.each([
    ['a.yml:b.yml', undefined, ['a.yml', 'b.yml']],
    ['a.yml;b.yml', ';', ['a.yml', 'b.yml']],
    ['a.yml::b.yml:', '', ['a.yml', 'b.yml']],
    ['c:\\x.yml', ';', ['c:\\x.yml']],
  ] as const)('splitComposeFile(%j, %j)', (value, separator, files) => {
    expect(splitComposeFile(value, separator)).toEqual(files);
  });

  it.each([
    ['-', true, false],
    ['compose.yaml', false, false],
    ['https://example.com/compose.yaml', false, true],
    ['oci://registry/app:1', false, true],
    ['git@github.com:org/repo.git', false, true],
    ['./git@x.yml', false, false],
  ])('%s: stdin %s, remote %s', (file, stdin, remote) => {
    expect([isStdin(file), isRemote(file)]).toEqual([stdin, remote]);
  });
});
