// Knowing which Compose runs, against the real binaries: each provisioned v2 version as the
// plugin of its own docker config folder, and Debian's Compose v1. `check --json` reports it; a
// judged command through the shims caches it, and the next judgement answers from the cache.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { installShims, repoRoot } from '../helpers/install.js';
import { copyFixture, withoutDockerSettings, writePolicy } from './helpers.js';
import { V1 } from './engine.js';

const ctx = inject('e2e');
const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function run(argv: string[], cwd: string, env: Record<string, string>) {
  const [cmd, ...args] = argv as [string, ...string[]];
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 60_000, env: { ...withoutDockerSettings(process.env), PATH: SYSTEM_PATH, DOCKER_HOST: ctx.dockerHost, NO_COLOR: '1', ...env } });
}

function checkJson(argv: string[], cwd: string, env: Record<string, string>) {
  const result = run([process.execPath, path.join(repoRoot, 'dist/judge.cjs'), 'check', '--json', '--', ...argv], cwd, env);
  return JSON.parse(result.stdout) as { compose: { generation: string; version: string | null; how: string; plugin: boolean; binary: string } | null };
}

describe.skipIf(!ctx.available)('which Compose runs, asked of the real binaries', () => {
  it.each(ctx.composeBuilds.map((b) => [b.version, b] as const))('Compose %s as the plugin of its config folder', (version, build) => {
    const home = mkdtempSync(path.join(tmpdir(), 'cg-ver-home-'));
    const dir = copyFixture('basic', path.join(repoRoot, 'test/fixtures'));
    const env = { HOME: home, DOCKER_CONFIG: build.configDir, COMPOSE_GUARD_POLICY: writePolicy(home, 'ci') };
    const first = checkJson(['docker', 'compose', 'down', '-v'], dir, env);
    expect(first.compose).toMatchObject({ generation: 'v2', version, how: 'asked', plugin: true });
    // check changes nothing on disk; a judged command through the shims writes the cache.
    const cache = path.join(home, '.local/state/compose-guard/compose-versions.json');
    expect(existsSync(cache)).toBe(false);
    const shims = installShims().bin;
    const down = run(['docker', 'compose', 'down', '-v'], dir, { ...env, PATH: `${shims}:${SYSTEM_PATH}` });
    expect(down.status, down.stderr).toBe(0);
    expect(Object.values(JSON.parse(readFileSync(cache, 'utf8')) as Record<string, string>)).toEqual([version]);
    expect(checkJson(['docker', 'compose', 'down', '-v'], dir, env).compose).toMatchObject({ version, how: 'cached' });
  });

  it('Compose v1 is known by its bytes without starting it', () => {
    const home = mkdtempSync(path.join(tmpdir(), 'cg-ver-home-'));
    const dir = copyFixture('v1-basic', path.join(repoRoot, 'test/fixtures'));
    const report = checkJson(['docker-compose', 'down', '-v'], dir, { HOME: home, COMPOSE_GUARD_REAL_DOCKER_COMPOSE: V1 });
    expect(report.compose).toMatchObject({ generation: 'v1', how: 'python-script', plugin: false });
  });
});
