// docker's builder alias (docker/cli cmd/docker/builder.go processBuilder): `builder`, `build`
// and `image build` become the named plugin's command, unless DOCKER_BUILDKIT turns BuildKit off.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { aliasReadings, dockerConfigDir, readDockerAliases } from '../../src/grammar/aliases.js';
import { analyzeCommand } from '../../src/grammar/analyze.js';
import { realFs } from '../../src/host.js';
import { harmlessShimCommand } from '../../src/cli/commands/shim-fast.js';

function configWith(text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cg-alias-'));
  writeFileSync(path.join(dir, 'config.json'), text);
  return dir;
}

const kinds = (argv: string, env: Record<string, string>) =>
  analyzeCommand('docker', argv.split(' '), { HOME: '/nonexistent', ...env }, 'v2', realFs).flatMap((a) => [...a.operations.map((o) => o.kind), ...a.uncertainties.map(() => 'doubt')]);

describe('docker config.json aliases', () => {
  it('finds the config folder as the docker CLI does: --config, DOCKER_CONFIG, ~/.docker', () => {
    expect(dockerConfigDir('/flag', { DOCKER_CONFIG: '/env', HOME: '/home/u' })).toBe('/flag');
    expect(dockerConfigDir(undefined, { DOCKER_CONFIG: '/env', HOME: '/home/u' })).toBe('/env');
    expect(dockerConfigDir(undefined, { DOCKER_CONFIG: '', HOME: '/home/u' })).toBe('/home/u/.docker');
  });

  it('reads the builder alias, and marks a config.json that is not JSON', () => {
    expect(readDockerAliases(configWith('{"aliases":{"builder":"compose"}}'), realFs)).toEqual({ builder: 'compose' });
    expect(readDockerAliases(configWith('{"auths":{}}'), realFs)).toBeUndefined();
    expect(readDockerAliases(configWith('{"aliases":'), realFs)).toEqual({ unreadable: true });
    expect(readDockerAliases('/nonexistent', realFs)).toBeUndefined();
  });

  it.each([
    ['builder down -v', ['compose', 'down', '-v']],
    ['build --pull .', ['compose', 'build', '--pull', '.']],
    ['image build .', ['compose', 'build', '.']],
    ['--context x builder down -v', ['--context', 'x', 'compose', 'down', '-v']],
  ])('rewrites %s', (argv, expected) => {
    const words = argv.split(' ');
    const commandAt = words.findIndex((w) => ['builder', 'build', 'image'].includes(w));
    const readings = aliasReadings(words, commandAt, { builder: 'compose' });
    expect(readings.map((r) => r.argv)).toEqual([words, expected]);
  });

  it('judges builder down -v through DOCKER_CONFIG, --config and ~/.docker', () => {
    const dir = configWith('{"aliases":{"builder":"compose"}}');
    expect(kinds('builder down -v', { DOCKER_CONFIG: dir })).toEqual(['compose-down-volumes']);
    expect(kinds(`--config ${dir} builder down -v`, {})).toEqual(['compose-down-volumes']);
    const home = mkdtempSync(path.join(tmpdir(), 'cg-home-'));
    const dotDocker = path.join(home, '.docker');
    mkdirSync(dotDocker);
    writeFileSync(path.join(dotDocker, 'config.json'), '{"aliases":{"builder":"compose"}}');
    expect(kinds('builder -test.v down -v', { HOME: home })).toEqual(['compose-down-volumes']);
  });

  it('leaves the command alone with DOCKER_BUILDKIT=0, or without an alias', () => {
    const dir = configWith('{"aliases":{"builder":"compose"}}');
    expect(kinds('builder down -v', { DOCKER_CONFIG: dir, DOCKER_BUILDKIT: '0' })).toEqual([]);
    expect(kinds('builder down -v', { DOCKER_CONFIG: dir, DOCKER_BUILDKIT: 'false' })).toEqual([]);
    expect(kinds('builder down -v', { DOCKER_CONFIG: dir, DOCKER_BUILDKIT: '1' })).toEqual(['compose-down-volumes']);
    expect(kinds('builder down -v', { DOCKER_CONFIG: configWith('{}') })).toEqual([]);
  });

  it('reads an unreadable config.json as if builder were compose (the wider answer)', () => {
    expect(kinds('builder down -v', { DOCKER_CONFIG: configWith('{not json') })).toEqual(['compose-down-volumes']);
  });

  it('keeps the judge\'s fast path from waving an aliased builder through', () => {
    const dir = configWith('{"aliases":{"builder":"compose"}}');
    expect(harmlessShimCommand(['docker', '/usr/bin/docker', '--', 'builder', 'down', '-v'], { DOCKER_CONFIG: dir })).toBe(false);
    expect(harmlessShimCommand(['docker', '/usr/bin/docker', '--', 'builder', 'down'], { DOCKER_CONFIG: dir })).toBe(true);
  });
});
