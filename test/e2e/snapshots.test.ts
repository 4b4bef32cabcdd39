// The incident with real PostgreSQL, replayed with snapshots: an allow-once `down -v` on
// production is preceded by a verified snapshot; restore brings the same rows and files back;
// status notices a real destroy; a snapshot that cannot be written, or Ctrl-C mid-copy, stops
// the command and leaves the data, the containers unpaused and no half snapshot counted.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { installShims, repoRoot } from '../helpers/install.js';
import { commandRunner, copyFixture } from './helpers.js';
import { dirStore } from '../../src/tools/snapshot/dir-store.js';
import { prune } from '../../src/tools/snapshot/store.js';
import type { Verification } from '../../src/tools/snapshot/verification.js';
import { fileSums, grantAtTerminal, pausedContainers, PROJECT, projectVolumes, ROWS, rowCount, seed, VOLUMES, waitForPostgres, type Run } from './data-stack.js';

const ctx = inject('e2e');
const PG_IMAGE = 'compose-guard-postgres:15';

describe.skipIf(!ctx.available)('snapshots before destroy, on a real engine with real PostgreSQL', () => {
  let run: Run;
  let bin: string;
  let home: string;
  let snaps: string;
  let production: string;
  let ci: string;
  let sums: string;
  let snapshotId = '';

  const guard = (args: string[], policy = production) => run([path.join(bin, 'compose-guard'), ...args], { shims: bin, policy });
  const allowOnce = (...extra: string[]) => {
    const issued = grantAtTerminal(run, bin, production, [...extra, '--reason', 'restore drill', '--', 'docker', 'compose', 'down', '-v']);
    expect(issued.stdout.trim().split('\n').at(-1), issued.stdout).toBe('exit=0');
  };
  const listed = (): Array<{ id: string; volumes: string[]; bytes: number; verified: boolean; lastVerification: Verification | null }> =>
    JSON.parse(guard(['snapshots', '--project', PROJECT, '--json']).stdout);
  const lastOf = (id: string) => listed().find((s) => s.id === id);
  const manifest = (id: string) => JSON.parse(readFileSync(path.join(snaps, id, 'manifest.json'), 'utf8'));
  const upAndWait = () => {
    const up = run(['docker', 'compose', 'up', '-d'], { shims: bin, policy: production });
    expect(up.status, up.stderr).toBe(0);
    waitForPostgres(run);
  };
  const expectDataIntact = () => {
    expect(rowCount(run)).toBe(ROWS);
    expect(fileSums(run)).toBe(sums);
    expect(projectVolumes(run)).toEqual(VOLUMES);
    expect(pausedContainers(run)).toEqual([]);
  };

  beforeAll(() => {
    home = mkdtempSync(path.join(tmpdir(), 'cg-e2e-home-'));
    snaps = path.join(home, 'snapshots');
    const project = copyFixture(PROJECT, path.join(repoRoot, 'test/fixtures'));
    run = commandRunner(ctx, project, home);
    expect(run(['docker', 'image', 'inspect', PG_IMAGE]).status, `${PG_IMAGE} is missing: run test/e2e/provision.sh`).toBe(0);
    bin = installShims().bin;
    production = path.join(home, 'production.yaml');
    writeFileSync(production, `environment: production\nsnapshots:\n  dir: ${snaps}\n`);
    ci = path.join(home, 'ci.yaml');
    writeFileSync(ci, `environment: ci\nsnapshots:\n  dir: ${snaps}\n`);
    run(['docker', 'compose', 'down', '-v', '--remove-orphans']);
    upAndWait();
    sums = seed(run);
    expect(rowCount(run)).toBe(ROWS);
  });

  afterAll(() => {
    run?.(['docker', 'compose', 'down', '-v', '--remove-orphans']);
  });

  it('snapshots before an allow-once down -v on production, verifies it, then the volumes go', () => {
    allowOnce();
    const down = run(['docker', 'compose', 'down', '-v'], { shims: bin, policy: production });
    expect(down.status, down.stderr).toBe(0);
    expect(down.stderr).toMatch(/snapshot pkgstore-\S+ taken and verified/);
    expect(projectVolumes(run)).toEqual([]);
    const [only, ...more] = listed();
    expect(more).toEqual([]);
    expect(only).toMatchObject({ verified: true, volumes: ['pkgstore_pgdata', 'pkgstore_objects', 'pkgstore_jetstream'] });
    snapshotId = only!.id;
    const m = manifest(snapshotId);
    const pg = m.volumes.find((v: { name: string }) => v.name === 'pkgstore_pgdata');
    expect(pg.consistency).toMatch(/^paused pkgstore-postgres-1 for \d+ ms$/);
    expect(pg.labels).toMatchObject({ 'com.docker.compose.project': PROJECT, 'com.docker.compose.volume': 'pgdata' });
    expect(pg.files).toBeGreaterThan(500);
    expect(m.command).toEqual(['docker', 'compose', 'down', '-v']);
    expect(m.engine.version).toMatch(/^\d+\./);
    console.log(`figures: postgres paused ${pg.pausedMs} ms for ${pg.bytes} bytes in ${pg.files} files; rows before: ${ROWS}`);
    const audit = readFileSync(path.join(home, '.local/state/compose-guard/audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(audit.at(-1)).toMatchObject({ decision: 'allow', snapshot: { id: snapshotId } });
  });

  it('restores into the missing volumes, and after up -d the same rows and files are back', () => {
    const restore = guard(['restore', snapshotId]);
    expect(restore.status, restore.stderr).toBe(0);
    expect(restore.stderr).toContain('sha256 and counts match');
    upAndWait();
    expectDataIntact();
    console.log(`figures: rows after restore: ${rowCount(run)}`);
    expect(guard(['status']).status).toBe(0);
  });

  it('status exits 1 after a real down -v and up, naming what is gone', () => {
    const down = run(['docker', 'compose', 'down', '-v'], { shims: bin, policy: ci });
    expect(down.status, down.stderr).toBe(0);
    upAndWait();
    const status = guard(['status', '--json']);
    expect(status.status, status.stderr).toBe(1);
    const report = JSON.parse(status.stdout);
    expect(report.volumes.find((v: { name: string }) => v.name === 'pkgstore_objects')).toMatchObject({ exists: true, empty: true, problem: expect.stringContaining('empty') });
    expect(report.checks).toEqual([expect.objectContaining({ service: 'postgres', ok: false })]);
  });

  it('restore refuses a volume that holds data, and a snapshot with one flipped byte; verify reports it', () => {
    const refused = guard(['restore', snapshotId]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/refused: pkgstore_pgdata exists and is not empty/);
    expect(rowCount(run)).toBe(-1);

    const stored = path.join(snaps, snapshotId, manifest(snapshotId).volumes[1].stored);
    const bytes = readFileSync(stored);
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(bytes.length / 2)]! ^= 0x01;
    const listedSums = manifest(snapshotId).volumes.map((v: { sha256: string }) => v.sha256);
    const before = guard(['verify', snapshotId]);
    expect(before.status, before.stderr).toBe(0);
    expect(before.stdout).toMatch(new RegExp(`^${snapshotId}  verified: 3 volumes, \\d+ files, .*sha256, files and bytes match\n$`));
    expect(lastOf(snapshotId)).toMatchObject({ verified: true, lastVerification: { ok: true, by: 'sha256, files and bytes read back from the compressed files', problems: [] } });
    const passedAt = lastOf(snapshotId)!.lastVerification!.time;
    writeFileSync(stored, flipped);
    try {
      const verify = guard(['verify', '--project', PROJECT]);
      expect(verify.status, verify.stderr).toBe(1);
      expect(verify.stdout).toMatch(new RegExp(`^${snapshotId}  FAILED: pkgstore_objects: (cannot be read back|sha256 )`, 'm'));
      expect(verify.stdout).not.toMatch(/FAILED: .*pkgstore_(pgdata|jetstream):/);
      const failed = lastOf(snapshotId)!;
      expect(failed).toMatchObject({ verified: false, lastVerification: { ok: false, problems: [expect.stringMatching(/^pkgstore_objects: (cannot be read back|sha256 )/)] } });
      expect(Date.parse(failed.lastVerification!.time)).toBeGreaterThanOrEqual(Date.parse(passedAt));
      expect(guard(['snapshots']).stdout).toMatch(new RegExp(`^${snapshotId}  .*  FAILED verify \\d+ s ago  pkgstore_pgdata`, 'm'));
      expect(manifest(snapshotId).volumes.map((v: { sha256: string }) => v.sha256)).toEqual(listedSums);
      const corrupt = guard(['restore', snapshotId, '--volume', 'pkgstore_objects', '--force']);
      expect(corrupt.status).toBe(1);
      expect(corrupt.stderr).toMatch(/refused: pkgstore_objects in snapshot \S+ is corrupted/);
      expect(run(['docker', 'compose', 'exec', '-T', 'minio', 'ls', '-A', '/data']).stdout).toBe('');
    } finally {
      writeFileSync(stored, bytes);
    }
    // Repaired, it verifies again and counts again.
    expect(guard(['verify', snapshotId]).status).toBe(0);
    expect(lastOf(snapshotId)).toMatchObject({ verified: true, lastVerification: { ok: true } });
  });

  it('restore --force replaces the re-created volumes; status exits 0 again', () => {
    expect(run(['docker', 'compose', 'down'], { shims: bin, policy: production }).status).toBe(0);
    const restore = guard(['restore', snapshotId, '--force']);
    expect(restore.status, restore.stderr).toBe(0);
    upAndWait();
    expectDataIntact();
    const status = guard(['status']);
    expect(status.status, status.stdout).toBe(0);
    expect(status.stdout).toMatch(/pkgstore_pgdata \(pgdata\): [\d.]+ MB; used by pkgstore-postgres-1; newest snapshot/);
    const stopped = run(['docker', 'compose', 'down', '-v'], { shims: bin, policy: production });
    expect(stopped.status).toBe(77);
    expect(stopped.stderr).toMatch(/pkgstore_pgdata {2}\(key pgdata; used by postgres; exists; [\d.]+ MB; newest snapshot \d+ (s|min) old\)/);
  });

  it.each([
    ['a full disk (1 MB tmpfs)', 'size=1m'],
    ['an unwritable folder (read-only tmpfs)', 'ro,size=1m'],
  ])('stops the command when the snapshot cannot be written: %s; the data stays', (_name, options) => {
    allowOnce();
    const down = run(['unshare', '-m', 'sh', '-c', `mount -t tmpfs -o ${options} tmpfs "$0" && exec docker compose down -v`, snaps], { shims: bin, policy: production });
    expect(down.status, down.stderr).toBe(77);
    expect(down.stderr).toMatch(/the snapshot before it failed: .*(ENOSPC|EROFS|No space|read-only)/i);
    expectDataIntact();
  });

  it('Ctrl-C mid-copy stops the command: containers unpaused, no half snapshot counted', () => {
    const big = run(['docker', 'compose', 'exec', '-T', 'minio', 'dd', 'if=/dev/urandom', 'of=/data/big.bin', 'bs=1M', 'count=384']);
    expect(big.status, big.stderr).toBe(0);
    const before = listed().length;
    allowOnce();
    const session = run(['python3', path.join(repoRoot, 'test/helpers/pty_run.py'), JSON.stringify(['docker', 'compose', 'down', '-v']),
      JSON.stringify([['wait', 'snapshot pkgstore_objects'], ['interrupt']])], { shims: bin, policy: production });
    expect(session.stdout).toContain('snapshot pkgstore_objects');
    expect(session.stdout).toMatch(/interrupted/);
    expect(session.stdout.trim().split('\n').at(-1)).toBe('exit=77');
    expect(listed().length).toBe(before);
    expect(readdirSync(snaps).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(run(['docker', 'ps', '-aq', '--filter', 'label=io.compose-guard.helper']).stdout).toBe('');
    expect(run(['docker', 'compose', 'exec', '-T', 'minio', 'rm', '/data/big.bin']).status).toBe(0);
    expectDataIntact();
  });

  it('a newer snapshot recorded as failed is no longer the newest verified: pruning keeps the older one', async () => {
    const taken = guard(['snapshot']);
    expect(taken.status, taken.stderr).toBe(0);
    const [newest, older] = listed();
    expect(older!.id).toBe(snapshotId);
    const stored = path.join(snaps, newest!.id, manifest(newest!.id).volumes[0].stored);
    const bytes = readFileSync(stored);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    writeFileSync(stored, bytes);
    const verify = guard(['verify', newest!.id]);
    expect(verify.status, verify.stdout).toBe(1);
    expect(listed().map((s) => [s.id, s.verified])).toEqual([[newest!.id, false], [snapshotId, true]]);
    const store = dirStore(snaps, { PATH: process.env.PATH });
    expect(await prune(store, PROJECT, 1)).toEqual([]);
    expect(await prune(store, PROJECT, 0)).toEqual([newest!.id]);
    expect(listed().map((s) => s.id)).toEqual([snapshotId]);
  });
});
