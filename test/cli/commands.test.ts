// compose-guard's own commands: policy validate, usage. (doctor: test/tools/doctor.)
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/router.js';
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

describe('usage', () => {
  it('prints help with exit 0, and exit 2 for an unknown command', async () => {
    expect(await cli(['--help'])).toMatchObject({ status: 0, stdout: expect.stringContaining('allow-once') });
    expect((await cli(['frobnicate'])).status).toBe(2);
    expect((await cli(['allow-once', '--', 'docker', 'compose', 'down', '-v'])).stderr).toMatch(/--reason is required/);
  });
});
