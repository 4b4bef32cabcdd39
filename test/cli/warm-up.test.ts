// The warm-up that fills the code cache: its sandbox is a real small project with a stand-in
// engine, in which the entry judges real commands; nothing of it is left behind.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/router.js';
import { warmUp, warmUpSandbox, type WarmUpSandbox } from '../../src/cli/warm-up.js';
import { testIo } from '../helpers/cli-io.js';

let sandbox: WarmUpSandbox | undefined;

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('warm-up', () => {
  it('judges the built-in samples without touching any file', async () => {
    await expect(warmUp()).resolves.toBeUndefined();
  });

  it('gives a sandbox in which a judged command is stopped with the engine asked', async () => {
    sandbox = await warmUpSandbox();
    const verdicts: string[] = [];
    const { io, captured } = testIo({ argv: ['shim', 'docker', '/bin/true', '--', 'compose', 'down', '-v'], cwd: sandbox.cwd, env: sandbox.env, verdict: (t) => verdicts.push(t) });
    expect(await runCli(io)).toBe(77);
    expect(verdicts).toEqual(['stop warm-up\n']);
    expect(captured.stderr).toContain('warm_data  (key data; used by db; exists; no snapshot)');
    expect(captured.stderr).toContain('1 anonymous volume of the removed containers');
  });

  it('removes the sandbox on close', async () => {
    const s = await warmUpSandbox();
    const dir = path.dirname(s.cwd);
    expect(existsSync(path.join(dir, 'engine.sock'))).toBe(true);
    await s.close();
    expect(existsSync(dir)).toBe(false);
  });
});
