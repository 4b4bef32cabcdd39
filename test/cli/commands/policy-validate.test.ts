// `compose-guard policy validate [FILE…]`: checks files (or every one that applies) without using them.
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { policyValidateCommand } from '../../../src/cli/commands/policy-validate.js';
import { runCli } from '../../../src/cli/router.js';
import { testIo } from '../../helpers/cli-io.js';

function place() {
  const home = mkdtempSync(path.join(tmpdir(), 'cg-validate-'));
  const project = path.join(home, 'shop');
  mkdirSync(project);
  writeFileSync(path.join(project, 'compose.yaml'), 'services: {}\n');
  return { home, project };
}

async function validate(home: string, cwd: string, operands: string[], extraEnv: Record<string, string> = {}) {
  const { io, captured } = testIo({ argv: [], cwd, env: { HOME: home, COMPOSE_GUARD_POLICY: path.join(home, 'env.yaml'), ...extraEnv } });
  const status = await policyValidateCommand(io, { values: {}, operands, raw: operands });
  return { status, ...captured };
}

describe('policy validate FILE…', () => {
  it('says ok for a good file and file:line:col for a bad one', async () => {
    const { home } = place();
    writeFileSync(path.join(home, 'good.yaml'), 'environment: production\n');
    writeFileSync(path.join(home, 'bad.yaml'), 'environment: production\nprotekt: []\n');
    expect(await validate(home, home, ['good.yaml'])).toMatchObject({ status: 0, stdout: `${path.join(home, 'good.yaml')}: ok (env, environment production)\n` });
    const bad = await validate(home, home, ['bad.yaml', 'good.yaml']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/bad\.yaml:2:1: unknown key "protekt"/);
    expect(bad.stdout).toContain('good.yaml: ok');
  });

  it('refuses a file others may write, and names a missing one', async () => {
    const { home } = place();
    writeFileSync(path.join(home, 'open.yaml'), 'environment: ci\n');
    chmodSync(path.join(home, 'open.yaml'), 0o646);
    expect((await validate(home, home, ['open.yaml'])).stderr).toMatch(/refused: writable by group or others/);
    expect(await validate(home, home, ['missing.yaml'])).toMatchObject({ status: 1, stderr: `${path.join(home, 'missing.yaml')}: no such file\n` });
  });

  it('judges a file by the place it would be used: a project file may not choose the audit log', async () => {
    const { home, project } = place();
    writeFileSync(path.join(project, '.compose-guard.yaml'), 'audit: /tmp/x.jsonl\n');
    writeFileSync(path.join(home, 'user-style.yaml'), 'audit: /tmp/x.jsonl\n');
    const asProject = await validate(home, project, ['.compose-guard.yaml']);
    expect(asProject.status).toBe(1);
    expect(asProject.stderr).toMatch(/audit: is set by the host, user or COMPOSE_GUARD_POLICY file, not by a project/);
    expect(await validate(home, home, ['user-style.yaml'])).toMatchObject({ status: 0, stdout: expect.stringContaining('ok (env)') });
  });

  it('takes the user file\'s place from the path', async () => {
    const { home } = place();
    const user = path.join(home, '.config', 'compose-guard', 'policy.yaml');
    mkdirSync(path.dirname(user), { recursive: true });
    writeFileSync(user, 'environment: staging\n');
    expect((await validate(home, home, [user])).stdout).toBe(`${user}: ok (user, environment staging)\n`);
  });
});

describe('policy validate with no file', () => {
  it('checks every file that applies here, the project\'s included', async () => {
    const { home, project } = place();
    writeFileSync(path.join(home, 'env.yaml'), 'environment: staging\n');
    writeFileSync(path.join(project, '.compose-guard.yaml'), 'protect: ["*_db"]\n');
    const out = await validate(home, project, []);
    expect(out.status).toBe(0);
    expect(out.stdout).toBe(`${path.join(home, 'env.yaml')}: ok (env, environment staging)\n${path.join(project, '.compose-guard.yaml')}: ok (project)\n`);
  });

  it('marks the file with problems and prints them', async () => {
    const { home } = place();
    writeFileSync(path.join(home, 'env.yaml'), 'rules:\n  production: stop\n');
    const out = await validate(home, home, []);
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/env\.yaml:2:15: rules\.production must be one of/);
  });

  it('says which files it looked for when none applies', async () => {
    const { home } = place();
    const out = await validate(home, home, []);
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^no policy file applies here \(\/etc\/compose-guard\/policy\.yaml, .*\.config\/compose-guard\/policy\.yaml, .*env\.yaml, .*\.compose-guard\.yaml\)\n$/);
  });

  it('is reached through the router', async () => {
    const { home } = place();
    const { io } = testIo({ argv: ['policy', 'validate', path.join(home, 'missing.yaml')], cwd: home, env: { HOME: home } });
    expect(await runCli(io)).toBe(1);
  });
});
