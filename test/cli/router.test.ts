// `compose-guard check` as a user runs it, against a fixture project and no engine.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/router.js';
import { testIo } from '../helpers/cli-io.js';

const huangpu = path.resolve(import.meta.dirname, '../fixtures/huangpu');

async function check(argv: string[], env: Record<string, string | undefined> = {}) {
  const { io, captured } = testIo({ argv, cwd: huangpu, env: { ...process.env, DOCKER_HOST: 'unix:///nonexistent/docker.sock', ...env } });
  const status = await runCli(io);
  return { status, ...captured };
}

function policy(text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'cg-pol-')), 'policy.yaml');
  writeFileSync(file, text);
  return file;
}

describe('compose-guard check', () => {
  it('prints one JSON object naming the engine volumes', async () => {
    const { status, stdout } = await check(['check', '--json', '--', 'docker', 'compose', 'down', '-v']);
    expect(status).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({
      tool: 'docker', destructive: true, decision: 'allow', environment: null,
      project: { name: 'huangpu', workingDir: huangpu },
      operations: [{ kind: 'compose-down-volumes' }],
      anonymousVolumes: [],
    });
    expect(json.volumes.map((v: { name: string }) => v.name)).toEqual(['huangpu_postgres', 'huangpu_minio', 'huangpu_nats']);
    expect(json.volumes[0]).toMatchObject({ key: 'postgres', services: ['postgres'] });
    expect(Array.isArray(json.reasons)).toBe(true);
  });

  it('exits 77 and explains on a production host', async () => {
    const { status, stderr } = await check(['check', '--', 'docker-compose', 'down', '-v'], { COMPOSE_GUARD_POLICY: policy('environment: production\n') });
    expect(status).toBe(77);
    expect(stderr).toContain('compose-guard: stopped docker-compose down -v');
    expect(stderr).toContain('huangpu_postgres');
    expect(stderr).toMatch(/tags in effect: "production" \(environment in .*policy\.yaml\) -> block/);
    expect(stderr).toMatch(/docker-compose down +keeps the volumes/);
    expect(stderr).toMatch(/docker-compose restart/);
    expect(stderr).toContain('compose-guard allow-once --reason "why" -- docker-compose down -v');
    expect(stderr).not.toMatch(/\x1b\[/);
  });

  it('colours the stop message unless NO_COLOR is set', async () => {
    const env = { COMPOSE_GUARD_POLICY: policy('environment: production\n'), FORCE_COLOR: '1' };
    expect((await check(['check', '--', 'docker', 'compose', 'down', '-v'], env)).stderr).toMatch(/\x1b\[/);
    expect((await check(['check', '--', 'docker', 'compose', 'down', '-v'], { ...env, NO_COLOR: '1' })).stderr).not.toMatch(/\x1b\[/);
  });

  it('allows a ci host to reset', async () => {
    const { status, stdout } = await check(['check', '--json', '--', 'docker', 'compose', 'down', '-v'], { COMPOSE_GUARD_POLICY: policy('environment: ci\n') });
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ decision: 'allow', environment: 'ci', destructive: true });
  });

  it('lets look-alikes go on production', async () => {
    const env = { COMPOSE_GUARD_POLICY: policy('environment: production\n') };
    for (const argv of [['compose', 'config', '--volumes'], ['compose', '--dry-run', 'down', '-v'], ['compose', 'down', '--volumes=false'], ['compose', 'ps']]) {
      const { status, stdout } = await check(['check', '--json', '--', 'docker', ...argv], env);
      expect(status, argv.join(' ')).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject({ destructive: false, decision: 'allow', volumes: [] });
    }
  });

  it('stops what it cannot prove harmless on production: an unknown option, a compose file on stdin', async () => {
    const env = { COMPOSE_GUARD_POLICY: policy('environment: production\n') };
    const unknown = await check(['check', '--json', '--', 'docker', 'compose', 'down', '--purge'], env);
    expect(unknown.status).toBe(77);
    expect(JSON.parse(unknown.stdout).uncertainties[0]).toMatch(/--purge/);
    const stdin = await check(['check', '--json', '--', 'docker', 'compose', '-f', '-', 'down', '-v'], env);
    expect(stdin.status).toBe(77);
    expect(JSON.parse(stdin.stdout).uncertainties[0]).toMatch(/standard input/);
  });

  it('stops destructive commands when the policy file is broken, with file:line:col', async () => {
    const { status, stderr } = await check(['check', '--', 'docker', 'compose', 'down', '-v'], { COMPOSE_GUARD_POLICY: policy('environment: [production\n') });
    expect(status).toBe(77);
    expect(stderr).toMatch(/policy\.yaml:\d+:\d+/);
  });

  it('answers usage errors with 2', async () => {
    expect((await check(['check', 'docker', 'ps'])).status).toBe(2);
    expect((await check(['frobnicate'])).status).toBe(2);
  });
});
