// `compose-guard snapshot` refuses, with one line and status 1, when there is nothing exact to
// copy: a command that destroys no volume, or an engine that cannot be reached. Nothing is
// written to the store then. (Taking one is tested on the real engine: snapshot-command.engine.test.ts.)
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshotCommand } from '../../src/tools/snapshot-command.js';
import { testIo } from '../helpers/cli-io.js';
import { snapshotPolicy } from '../helpers/snapshot-store.js';

async function snapshot(command: string[]) {
  const { io, captured } = testIo({ argv: [], cwd: mkdtempSync(path.join(tmpdir(), 'cg-snapcmd-')), env: { ...process.env, DOCKER_HOST: 'unix:///nonexistent/docker.sock' } });
  const dir = snapshotPolicy(io.env);
  const status = await snapshotCommand(io, { values: {}, operands: [], raw: ['--', ...command], command });
  return { status, ...captured, dir };
}

describe('snapshotCommand', () => {
  it('refuses a command that destroys no volume', async () => {
    const out = await snapshot(['docker', 'ps', '-a']);
    expect(out).toMatchObject({ status: 1, stdout: '', stderr: 'compose-guard snapshot: failed: that command destroys no volume that exists; nothing to copy\n' });
    expect(existsSync(out.dir)).toBe(false);
  });

  it('fails when the engine cannot be reached, and writes nothing', async () => {
    const out = await snapshot(['docker', 'volume', 'rm', 'shop_db']);
    expect(out.status).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(/^compose-guard snapshot: failed: .*\/nonexistent\/docker\.sock.*\n$/);
    expect(existsSync(out.dir)).toBe(false);
  });
});
