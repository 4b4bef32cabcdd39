// `install.sh --system` on a production-tagged host (a throwaway root: test/helpers/sandbox.sh):
// `docker compose down -v` through every route a command reaches docker by is stopped (77) and
// the volumes remain; uninstall restores the diverted programs byte for byte; and without the
// guard the same command really destroys them.
import { cpSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { repoRoot } from '../helpers/install.js';
import { openTempDir, runSandboxed, sandboxUnavailable, type SandboxRun } from '../helpers/sandbox.js';

const ctx = inject('e2e');
const unavailable = sandboxUnavailable();
const ROUTES = ['login-root', 'login-user', 'sudo', 'sudo-user', 'cron', 'systemd', 'env-i', 'absolute', 'absolute-v1', 'ssh-root', 'ssh-user'];

describe.skipIf(!ctx.available || unavailable !== undefined)('install --system covers every route', () => {
  let run: SandboxRun;
  let lines: string[];
  let volumesAfterRoutes: string[];
  const docker = (...args: string[]) =>
    spawnSync('docker', args, { env: { ...process.env, DOCKER_HOST: ctx.dockerHost }, encoding: 'utf8', cwd: project });
  let project = '';
  const projectVolumes = () => docker('volume', 'ls', '-q', '--filter', 'label=com.docker.compose.project=basic').stdout.split('\n').filter(Boolean);

  beforeAll(() => {
    const base = openTempDir('cg-routes-');
    project = path.join(base, 'basic');
    mkdirSync(project, { mode: 0o755 });
    cpSync(path.join(repoRoot, 'test/fixtures/basic'), project, { recursive: true });
    docker('compose', 'down', '-v');
    expect(docker('compose', 'up', '--no-start').status).toBe(0);
    expect(projectVolumes()).toContain('basic_data');
    const out = openTempDir('cg-routes-out-');
    const port = String(20000 + Math.floor(Math.random() * 20000));
    run = runSandboxed(path.join(repoRoot, 'test/e2e/system-routes.sh'), [repoRoot, project, out, port], { dockerSocket: ctx.dockerHost.replace(/^unix:\/\//, '') });
    lines = run.stdout.split('\n');
    volumesAfterRoutes = (lines.find((l) => l.startsWith('volumes ')) ?? '').split(' ').slice(1).filter(Boolean);
  }, 240_000);

  it.each(ROUTES)('%s: down -v stops with 77', (route) => {
    expect(lines, run.stderr).toContain(`route ${route} 77`);
  });

  it('uninstall restores /usr/bin/docker and /usr/bin/docker-compose byte for byte', () => {
    const sums = (when: string) => lines.filter((l) => l.startsWith(`sum ${when} `)).map((l) => l.split(' ').slice(2).join(' '));
    expect(sums('BEFORE')).toHaveLength(2);
    expect(sums('AFTER')).toEqual(sums('BEFORE'));
  });

  it('the volumes stayed through every route, and only the unguarded control removed them', () => {
    expect(volumesAfterRoutes).toContain('basic_data');
    expect(lines).toContain('route control 0');
    expect(projectVolumes()).toEqual([]);
  });
});
