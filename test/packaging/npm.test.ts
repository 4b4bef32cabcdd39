// The npm package: `npm install -g` gives a working compose-guard with the built bundles and no
// clone of the project, and its `install` places shims that stop a destroying command.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/install.js';

const npm = (args: string[], cwd = repoRoot) => spawnSync('npm', args, { cwd, encoding: 'utf8', timeout: 170_000, env: { ...process.env, npm_config_loglevel: 'error' } });

describe('npm package', () => {
  it('ships the built bundles, install.sh and the shims, and nothing of the source; prepack builds', () => {
    const dry = npm(['pack', '--dry-run', '--json', '--ignore-scripts']);
    expect(dry.status, dry.stderr).toBe(0);
    const files = (JSON.parse(dry.stdout) as Array<{ files: Array<{ path: string }> }>)[0]?.files.map((f) => f.path) ?? [];
    expect(files).toEqual(expect.arrayContaining(['dist/judge.cjs', 'dist/commands.cjs', 'dist/tools.cjs', 'install.sh', 'scripts/install-system.sh', 'scripts/install-daemon.sh', 'shims/docker', 'shims/docker-compose', 'shims/judge-loader.cjs', 'package.json']));
    expect(files.filter((f) => /^(src|test|bench)\//.test(f))).toEqual([]);
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
    expect(pkg.bin['compose-guard']).toBe('dist/judge.cjs');
    expect(pkg.scripts.prepack).toBe('npm run build');
  });

  it('npm install -g: compose-guard runs and its install places shims that stop down -v on production', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'cg-npm-'));
    // The bundles are built by `npm test` already; packing again here must not rewrite them under other tests.
    const packed = npm(['pack', '--ignore-scripts', '--pack-destination', work]);
    expect(packed.status, packed.stderr).toBe(0);
    const tarball = path.join(work, packed.stdout.trim().split('\n').at(-1) ?? '');
    const global = path.join(work, 'global');
    const installed = npm(['install', '--global', '--prefix', global, '--prefer-offline', '--no-audit', '--no-fund', tarball], work);
    expect(installed.status, installed.stderr).toBe(0);
    const command = path.join(global, 'bin/compose-guard');
    expect(execFileSync(command, ['version'], { encoding: 'utf8' })).toMatch(/^compose-guard \d/);
    const prefix = path.join(work, 'shims');
    const env = { ...process.env, PATH: `/usr/bin:/bin:${path.dirname(process.execPath)}` };
    const out = execFileSync(command, ['install', '--prefix', prefix], { encoding: 'utf8', env });
    expect(out).toContain(`compose-guard installed in ${prefix}/bin`);
    const policy = path.join(work, 'policy.yaml');
    writeFileSync(policy, 'environment: production\n');
    const stopped = spawnSync(path.join(prefix, 'bin/docker'), ['volume', 'rm', 'cg-npm-volume'], { encoding: 'utf8', env: { ...env, COMPOSE_GUARD_POLICY: policy, DOCKER_HOST: 'unix:///nonexistent.sock' } });
    expect(stopped.stderr).toContain('compose-guard: stopped docker volume rm cg-npm-volume');
    expect(stopped.status).toBe(77);
  });
});
