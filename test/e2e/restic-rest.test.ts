// The incident with the snapshots in a restic repository behind restic's REST server (rest:,
// Debian's restic-rest-server on loopback): a snapshot before the real destroy, restore, the
// same rows; verify reads it back and checks the repository.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { installShims, repoRoot } from '../helpers/install.js';
import { commandRunner, copyFixture } from './helpers.js';
import { freshSeededStack, grantAtTerminal, PROJECT, projectVolumes, resticPolicy, ROWS, rowCount, waitForPostgres, type Run } from './data-stack.js';
import { REST_SERVER, startRestServer, type RestServer } from './rest-server.js';

const ctx = inject('e2e');
const tools = existsSync(REST_SERVER) && spawnSync('sh', ['-c', 'command -v restic']).status === 0;

describe.skipIf(!ctx.available || (!tools && !process.env.CI))('snapshots in a restic repository behind a REST server', () => {
  let run: Run;
  let bin: string;
  let policy: string;
  let server: RestServer | undefined;

  const guard = (args: string[]) => run([path.join(bin, 'compose-guard'), ...args], { shims: bin, policy });

  beforeAll(async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'cg-e2e-home-'));
    run = commandRunner(ctx, copyFixture(PROJECT, path.join(repoRoot, 'test/fixtures')), home);
    bin = installShims().bin;
    server = await startRestServer();
    policy = resticPolicy(home, server.url('pkgstore'));
    freshSeededStack(run);
  });

  afterAll(() => {
    run?.(['docker', 'compose', 'down', '-v', '--remove-orphans']);
    server?.stop();
  });

  it('snapshots through rest: before a real down -v; restore brings the same rows back; verify passes', () => {
    const issued = grantAtTerminal(run, bin, policy, ['--reason', 'rebuild', '--', 'docker', 'compose', 'down', '-v']);
    expect(issued.stdout.trim().split('\n').at(-1), issued.stdout).toBe('exit=0');
    const down = run(['docker', 'compose', 'down', '-v'], { shims: bin, policy });
    expect(down.status, down.stderr).toBe(0);
    expect(down.stderr).toMatch(/taken and verified in rest:http:\/\/127\.0\.0\.1:\d+\/pkgstore/);
    expect(projectVolumes(run)).toEqual([]);
    expect(existsSync(path.join(server!.dir, 'pkgstore', 'config'))).toBe(true);
    const [snap] = JSON.parse(guard(['snapshots', '--json']).stdout);
    expect(snap).toMatchObject({ project: PROJECT, verified: true, store: expect.stringMatching(/^restic:rest:http:/) });
    const restore = guard(['restore', snap.id]);
    expect(restore.status, restore.stderr).toBe(0);
    expect(run(['docker', 'compose', 'up', '-d'], { shims: bin, policy }).status).toBe(0);
    waitForPostgres(run);
    expect(rowCount(run)).toBe(ROWS);
    const verify = guard(['verify', snap.id]);
    expect(verify.status, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/^rest:http:\S+  verified: restic check --read-data: no errors were found/m);
    const bytes = Number(spawnSync('du', ['-sb', path.join(server!.dir, 'pkgstore')], { encoding: 'utf8' }).stdout.split('\t')[0]);
    console.log(`figures: rest: repository ${bytes} bytes for ${snap.bytes} volume bytes`);
  });
});
