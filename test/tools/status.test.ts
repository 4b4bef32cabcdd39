// `compose-guard status` needs a Compose project: without one it says so, with why the judge
// found none, and exits 1. (A project's volumes and snapshots are read on the real engine
// through the CLI in test/e2e/snapshots.test.ts; its checks in status-probes.engine.test.ts.)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { statusCommand } from '../../src/tools/status.js';
import { testIo } from '../helpers/cli-io.js';

describe('statusCommand', () => {
  it.each([
    [undefined, /^compose-guard status: no Compose project here \(.+\)\n$/],
    [['docker', 'ps'], /^compose-guard status: no Compose project here \(nothing to resolve\)\n$/],
  ])('with no project (%j): one line, status 1', async (command, line) => {
    const { io, captured } = testIo({ argv: [], cwd: mkdtempSync(path.join(tmpdir(), 'cg-status-')), env: { ...process.env, DOCKER_HOST: 'unix:///nonexistent/docker.sock' } });
    expect(await statusCommand(io, { values: { json: true }, operands: [], raw: [], command })).toBe(1);
    expect(captured.stdout).toBe('');
    expect(captured.stderr).toMatch(line);
  });
});
