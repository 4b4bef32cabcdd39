// The shortest path: which shim command lines the grammar alone lets through, before any policy
// or compose file is read. Anything that any reading could make destructive, or that is not a
// well-formed shim call, is left to the full judgement.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { harmlessShimCommand } from '../../../src/cli/commands/shim-fast.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cg-fast-'));
const v1 = path.join(dir, 'docker-compose-v1');
writeFileSync(v1, '#!/usr/bin/python3\nprint(1)\n');
chmodSync(v1, 0o755);

function harmless(line: string, real = '/usr/bin/docker', env: Record<string, string> = {}): boolean {
  const [tool, ...argv] = line.split(' ');
  return harmlessShimCommand([tool!, real, '--', ...argv], env);
}

describe('harmlessShimCommand', () => {
  it.each([
    // [command line, harmless]
    ['docker rm ctr', true],
    ['docker rm -f ctr', true],
    ['docker container rm ctr', true],
    ['docker image prune -a', true],
    ['docker network rm net', true],
    ['docker compose down', true],
    ['docker compose rm -f', true],
    ['docker compose --dry-run down -v', true],
    ['docker rm -v ctr', false],
    ['docker rm -fv ctr', false],
    ['docker volume rm data', false],
    ['docker volume prune', false],
    ['docker system prune --volumes', false],
    ['docker compose down -v', false],
    ['docker compose down --volumes', false],
    ['docker compose up -V', false],
    ['docker compose down --frobnicate', false], // unknown option on a destructive command
  ])('%s -> %s', (line, expected) => {
    expect(harmless(line)).toBe(expected);
  });

  it('reads docker-compose both ways when the generation is unknown', () => {
    // `down -v` destroys under either reading; `rm -v` too.
    expect(harmless('docker-compose down -v', '/nonexistent')).toBe(false);
    expect(harmless('docker-compose down', '/nonexistent')).toBe(true);
    expect(harmless('docker-compose down', v1)).toBe(true);
    expect(harmless('docker-compose down -v', v1)).toBe(false);
  });

  it('follows the environment the grammar reads (plugin-style parsing)', () => {
    const env = { DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND: 'compose' };
    expect(harmless('docker-compose compose down -v', '/nonexistent', env)).toBe(false);
  });

  it.each([
    [[]],
    [['docker']],
    [['docker', '/usr/bin/docker']],
    [['docker', '/usr/bin/docker', 'rm', 'ctr']], // no --
    [['podman', '/usr/bin/podman', '--', 'rm', 'ctr']],
  ])('leaves a malformed call %j to the full command', (args) => {
    expect(harmlessShimCommand(args, {})).toBe(false);
  });
});
