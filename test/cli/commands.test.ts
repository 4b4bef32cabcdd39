// compose-guard's own commands: policy validate, doctor, usage.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/router.js';
import { sudoSecurePath } from '../../src/tools/doctor.js';
import { installShims } from '../helpers/install.js';
import { makeFakeBinaries } from '../helpers/fake-binaries.js';
import { testIo } from '../helpers/cli-io.js';

async function cli(argv: string[], env: Record<string, string | undefined> = {}, cwd = tmpdir()) {
  const { io, captured } = testIo({ argv, cwd, env: { ...process.env, ...env } });
  return { status: await runCli(io), ...captured };
}

describe('policy validate', () => {
  it('says ok for a good file and file:line:col for a bad one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cg-val-'));
    writeFileSync(path.join(dir, 'good.yaml'), 'environment: production\n');
    writeFileSync(path.join(dir, 'bad.yaml'), 'environment: production\nprotekt: []\n');
    expect(await cli(['policy', 'validate', path.join(dir, 'good.yaml')])).toMatchObject({ status: 0, stdout: expect.stringContaining('good.yaml: ok (env, environment production)') });
    const bad = await cli(['policy', 'validate', path.join(dir, 'bad.yaml')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/bad\.yaml:2:1: unknown key "protekt"/);
    chmodSync(path.join(dir, 'good.yaml'), 0o646);
    expect((await cli(['policy', 'validate', path.join(dir, 'good.yaml')])).stderr).toMatch(/refused: writable by group or others/);
    expect((await cli(['policy', 'validate', path.join(dir, 'missing.yaml')])).status).toBe(1);
  });
});

describe('doctor', () => {
  it('reports covered routes, the policy and the environment, with no problems', async () => {
    const { bin } = installShims();
    const fake = makeFakeBinaries();
    const dir = mkdtempSync(path.join(tmpdir(), 'cg-doc-'));
    writeFileSync(path.join(dir, 'policy.yaml'), 'environment: production\n');
    const result = await cli(['doctor'], { PATH: `${bin}:${fake.dir}:/usr/bin:/bin`, COMPOSE_GUARD_POLICY: path.join(dir, 'policy.yaml'), DOCKER_HOST: 'unix:///x.sock' });
    expect(result.stdout).toContain(`shims: ${bin}`);
    expect(result.stdout).toContain(`this user: docker -> ${bin}/docker (shim) -> ${fake.dir}/docker`);
    expect(result.stdout).toContain(`this user: docker-compose -> ${bin}/docker-compose (shim) -> ${fake.dir}/docker-compose`);
    expect(result.stdout).toMatch(/sh -c \(non-interactive\): docker -> .* \(shim\)/);
    expect(result.stdout).toMatch(/docker compose \(plugin route\): .*covered, because docker itself is the shim/);
    expect(result.stdout).toMatch(/daemon now: default \(unix:\/\/\/x\.sock\) from DOCKER_HOST/);
    expect(result.stdout).toMatch(/environment: production \[environment in .*policy\.yaml\] -> down -v would block/);
  });

  it('names each uncovered route with a fix', async () => {
    const fake = makeFakeBinaries();
    const result = await cli(['doctor'], { PATH: `${fake.dir}:/usr/bin:/bin`, COMPOSE_GUARD_POLICY: '/nonexistent.yaml' });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/problems:\n/);
    expect(result.stdout).toContain('no compose-guard shims on your PATH');
    expect(result.stdout).toMatch(/this user: docker reaches .*docker unguarded: put .* first on PATH/);
    expect(result.stdout).toContain('no policy file: this host is untagged');
  });

  it('reads sudo secure_path', () => {
    const files: Record<string, string> = { '/etc/sudoers': 'Defaults\tenv_reset\nDefaults\tsecure_path="/usr/local/sbin:/usr/bin"\n' };
    expect(sudoSecurePath((f) => files[f])).toEqual({ name: 'sudo (secure_path)', path: '/usr/local/sbin:/usr/bin' });
    expect(sudoSecurePath(() => undefined).unknown).toMatch(/cannot read \/etc\/sudoers/);
  });
});

describe('usage', () => {
  it('prints help with exit 0, and exit 2 for an unknown command', async () => {
    expect(await cli(['--help'])).toMatchObject({ status: 0, stdout: expect.stringContaining('allow-once') });
    expect((await cli(['frobnicate'])).status).toBe(2);
    expect((await cli(['allow-once', '--', 'docker', 'compose', 'down', '-v'])).stderr).toMatch(/--reason is required/);
  });
});
