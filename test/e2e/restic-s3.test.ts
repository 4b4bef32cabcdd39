// The incident with the snapshots in a restic repository in S3 (s3:, moto's S3 server from Debian
// 13 on loopback, checking every request's signature): the credentials come from the environment
// the command runs in; a snapshot before the real destroy, restore, the same rows, verify passes.
// Credentials the server refuses stop the command (77) in one line and destroy nothing; those of
// snapshots.environment-file are used over the environment's. A key that may only read opens the
// repository but has its writes refused: the snapshot stops at the first refusal, not after
// restic's 45 s of retries.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { installShims, repoRoot } from '../helpers/install.js';
import { commandRunner, copyFixture } from './helpers.js';
import { freshSeededStack, grantAtTerminal, pausedContainers, PROJECT, projectVolumes, resticPolicy, ROWS, rowCount, VOLUMES, waitForPostgres, type Run } from './data-stack.js';
import { MOTO_ROOT, startS3Server, type S3Server } from './s3-server.js';

const ctx = inject('e2e');
const tools = existsSync(path.join(MOTO_ROOT, 'usr/bin/python3')) && spawnSync('sh', ['-c', 'command -v restic']).status === 0;

describe.skipIf(!ctx.available || (!tools && !process.env.CI))('snapshots in a restic repository in S3', () => {
  let run: Run;
  let bin: string;
  let home: string;
  let server: S3Server | undefined;
  let repository: string;
  let credentials: NodeJS.ProcessEnv;

  const as = (policy: string, env: NodeJS.ProcessEnv) => ({ shims: bin, policy, env });
  const guard = (args: string[], policy: string, env: NodeJS.ProcessEnv = credentials) => run([path.join(bin, 'compose-guard'), ...args], as(policy, env));
  /** A policy whose snapshots.environment-file holds `vars`. */
  const withEnvironmentFile = (name: string, vars: Record<string, string>) => {
    const file = path.join(home, `${name}.env`);
    writeFileSync(file, `# restic's S3 credentials\n${Object.entries(vars).map(([k, v]) => `${k}="${v}"\n`).join('')}`, { mode: 0o600 });
    return resticPolicy(home, repository, `  environment-file: ${file}\n`);
  };

  beforeAll(async () => {
    home = mkdtempSync(path.join(tmpdir(), 'cg-e2e-home-'));
    run = commandRunner(ctx, copyFixture(PROJECT, path.join(repoRoot, 'test/fixtures')), home);
    bin = installShims().bin;
    server = await startS3Server();
    repository = server.url('pkgstore/restic');
    credentials = { AWS_ACCESS_KEY_ID: server.accessKeyId, AWS_SECRET_ACCESS_KEY: server.secretAccessKey, AWS_DEFAULT_REGION: 'us-east-1' };
    freshSeededStack(run);
  });

  afterAll(() => {
    run?.(['docker', 'compose', 'down', '-v', '--remove-orphans']);
    server?.stop();
  });

  it('snapshots through s3: with the environment\'s credentials before a real down -v; restore brings the same rows back; verify passes', () => {
    const policy = resticPolicy(home, repository);
    const issued = grantAtTerminal(run, bin, policy, ['--reason', 'rebuild', '--', 'docker', 'compose', 'down', '-v']);
    expect(issued.stdout.trim().split('\n').at(-1), issued.stdout).toBe('exit=0');
    const down = run(['docker', 'compose', 'down', '-v'], as(policy, credentials));
    expect(down.status, `${down.stderr}\n${server!.log().slice(-2000)}`).toBe(0);
    expect(down.stderr).toMatch(/taken and verified in s3:http:\/\/127\.0\.0\.1:\d+\/pkgstore\/restic/);
    expect(projectVolumes(run)).toEqual([]);
    const [snap] = JSON.parse(guard(['snapshots', '--json'], policy).stdout);
    expect(snap).toMatchObject({ project: PROJECT, verified: true, store: expect.stringMatching(/^restic:s3:http:/) });
    const restore = guard(['restore', snap.id], policy);
    expect(restore.status, restore.stderr).toBe(0);
    expect(run(['docker', 'compose', 'up', '-d'], { shims: bin, policy }).status).toBe(0);
    waitForPostgres(run);
    expect(rowCount(run)).toBe(ROWS);
    const verify = guard(['verify', snap.id], policy);
    expect(verify.status, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/^s3:http:\S+  verified: restic check --read-data: no errors were found/m);
    console.log(`figures: s3: snapshot of ${snap.bytes} volume bytes`);
  });

  it('credentials the server refuses stop the command (77) in one line and leave the data; the environment file wins over the environment', () => {
    const policy = withEnvironmentFile('wrong', { AWS_ACCESS_KEY_ID: server!.accessKeyId, AWS_SECRET_ACCESS_KEY: 'not-the-secret' });
    const issued = grantAtTerminal(run, bin, policy, ['--reason', 'rebuild', '--', 'docker', 'compose', 'down', '-v']);
    expect(issued.stdout.trim().split('\n').at(-1), issued.stdout).toBe('exit=0');
    const started = Date.now();
    const down = run(['docker', 'compose', 'down', '-v'], as(policy, credentials));
    expect(down.status, down.stderr).toBe(77);
    expect(Date.now() - started).toBeLessThan(20_000);
    const refused = down.stderr.split('\n').filter((l) => /refused the credentials/.test(l));
    expect(refused, down.stderr).toHaveLength(1);
    expect(refused[0]).toMatch(/^compose-guard: stopped docker compose down -v: the snapshot before it failed: s3:http:\S+ refused the credentials restic was given \(from the environment and \S+wrong\.env\): (Access Denied\.|The request signature we calculated does not match)/);
    expect(projectVolumes(run)).toEqual(VOLUMES);
    expect(rowCount(run)).toBe(ROWS);
    // The right credentials in the file read the repository, over wrong ones in the environment.
    const right = withEnvironmentFile('right', { AWS_ACCESS_KEY_ID: server!.accessKeyId, AWS_SECRET_ACCESS_KEY: server!.secretAccessKey });
    const listed = guard(['snapshots', '--json'], right, { AWS_ACCESS_KEY_ID: 'AKIANOTKNOWNHERE0000', AWS_SECRET_ACCESS_KEY: 'not-the-secret' });
    expect(listed.status, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toHaveLength(1);
    const unknownKey = guard(['snapshots'], resticPolicy(home, repository), { ...credentials, AWS_ACCESS_KEY_ID: 'AKIANOTKNOWNHERE0000' });
    expect(unknownKey.status).not.toBe(0);
    expect(unknownKey.stderr).toMatch(/refused the credentials restic was given \(from the environment\): (Access Denied\.|The AWS Access Key Id you provided does not exist in our records)/);
  });

  it('a key that may only read: its refused writes (restic\'s lock first) stop the snapshot at once rather than after restic\'s retries', () => {
    const policy = resticPolicy(home, repository);
    const reader = { AWS_ACCESS_KEY_ID: server!.reader.accessKeyId, AWS_SECRET_ACCESS_KEY: server!.reader.secretAccessKey };
    const started = Date.now();
    const snapshot = guard(['snapshot'], policy, reader);
    const took = Date.now() - started;
    expect(snapshot.status, snapshot.stderr).not.toBe(0);
    expect(snapshot.stderr).toMatch(/refused the credentials restic was given \(from the environment\): Access Denied\.?$/m);
    expect(took, snapshot.stderr).toBeLessThan(15_000);
    expect(pausedContainers(run)).toEqual([]);
    expect(rowCount(run)).toBe(ROWS);
    console.log(`figures: s3: a read-only key's snapshot refused after ${took} ms`);
  });
});
