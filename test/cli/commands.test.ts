// compose-guard's own commands: usage. (policy validate: commands/policy-validate; doctor: test/tools/doctor.)
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/router.js';
import { testIo } from '../helpers/cli-io.js';

async function cli(argv: string[], env: Record<string, string | undefined> = {}, cwd = tmpdir()) {
  const { io, captured } = testIo({ argv, cwd, env: { ...process.env, ...env } });
  return { status: await runCli(io), ...captured };
}

describe('usage', () => {
  it('prints help with exit 0, and exit 2 for an unknown command', async () => {
    expect(await cli(['--help'])).toMatchObject({ status: 0, stdout: expect.stringContaining('allow-once') });
    expect((await cli(['frobnicate'])).status).toBe(2);
    expect((await cli(['allow-once', '--', 'docker', 'compose', 'down', '-v'])).stderr).toMatch(/--reason is required/);
  });
});
