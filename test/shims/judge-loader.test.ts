// The judge's loader and its bundles, as installed: a command the grammar alone lets through
// never loads the commands bundle, and a damaged code cache costs speed, never the verdict.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { installShims, repoRoot } from '../helpers/install.js';

let lib: string;

beforeAll(() => {
  lib = path.join(installShims().prefix, 'lib', 'compose-guard');
});

/** Runs the judge as the shim does; `verdict` is what it answered on file descriptor 3. */
function judge(libDir: string, argv: string[]) {
  const home = mkdtempSync(path.join(tmpdir(), 'cg-loader-'));
  writeFileSync(path.join(home, 'policy.yaml'), 'environment: production\n');
  const env = { PATH: '/usr/bin:/bin', HOME: home, COMPOSE_GUARD_POLICY: path.join(home, 'policy.yaml'), NO_COLOR: '1', DOCKER_HOST: 'unix:///nonexistent.sock', COMPOSE_GUARD_VERDICT: 'tok-1' };
  const r = spawnSync(process.execPath, [path.join(libDir, 'judge-loader.cjs'), 'shim', 'docker', '/bin/true', '--', ...argv], {
    env, cwd: path.join(repoRoot, 'test/fixtures/basic'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  return { status: r.status, stderr: r.stderr, verdict: String(r.output[3]) };
}

function copyOfLib(): string {
  const copy = mkdtempSync(path.join(tmpdir(), 'cg-lib-'));
  cpSync(lib, copy, { recursive: true });
  return copy;
}

describe('judge-loader', () => {
  it('stops a destructive command with the installed bundles and caches', () => {
    const r = judge(lib, ['compose', 'down', '-v']);
    expect([r.status, r.verdict]).toEqual([77, 'stop tok-1\n']);
    expect(r.stderr).toContain('compose-guard: stopped docker compose down -v');
  });

  it.each([['rm', 'ctr'], ['image', 'prune', '-a'], ['network', 'rm', 'net'], ['compose', 'down']])('lets %j through without the commands bundle', (...argv) => {
    const copy = copyOfLib();
    rmSync(path.join(copy, 'commands.cjs'));
    const r = judge(copy, argv);
    expect([r.status, r.verdict, r.stderr]).toEqual([0, 'go tok-1\n', '']);
  });

  it('needs the commands bundle for anything the grammar cannot let through', () => {
    const copy = copyOfLib();
    rmSync(path.join(copy, 'commands.cjs'));
    const r = judge(copy, ['compose', 'down', '-v']);
    expect(r.status).not.toBe(0);
    expect(r.verdict).not.toContain('go');
  });

  it('ignores a damaged or missing code cache', () => {
    const damaged = copyOfLib();
    writeFileSync(path.join(damaged, 'judge.cjs.cache'), 'not a cache');
    writeFileSync(path.join(damaged, 'commands.cjs.cache'), Buffer.alloc(4096, 7));
    writeFileSync(path.join(damaged, 'tools.cjs.cache'), Buffer.alloc(100, 1));
    const missing = copyOfLib();
    for (const bundle of ['judge', 'commands', 'tools']) rmSync(path.join(missing, `${bundle}.cjs.cache`));
    for (const copy of [lib, damaged, missing]) {
      expect(judge(copy, ['compose', 'down', '-v']).verdict).toBe('stop tok-1\n');
      expect(judge(copy, ['rm', 'ctr']).verdict).toBe('go tok-1\n');
      // A command of the tools bundle (served from its own cache).
      const home = mkdtempSync(path.join(tmpdir(), 'cg-loader-'));
      const listed = spawnSync(process.execPath, [path.join(copy, 'judge-loader.cjs'), 'snapshots', '--json'], {
        env: { PATH: '/usr/bin:/bin', HOME: home, COMPOSE_GUARD_POLICY: path.join(home, 'none.yaml') }, encoding: 'utf8',
      });
      expect([listed.status, JSON.parse(listed.stdout), listed.stderr]).toEqual([0, [], '']);
    }
  });
});
