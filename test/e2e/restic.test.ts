// The incident with the snapshots in a restic repository reached over sftp: (Debian's restic
// and openssh-server on loopback): a snapshot before the real destroy, restore, the same rows;
// a second snapshot of unchanged data adds almost nothing to the repository.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { installShims, repoRoot } from '../helpers/install.js';
import { commandRunner, copyFixture } from './helpers.js';
import { freshSeededStack, grantAtTerminal, PROJECT, projectVolumes, resticPolicy, ROWS, rowCount, waitForPostgres, type Run } from './data-stack.js';
import { startSftpServer, type SftpServer } from './sftp-server.js';

const ctx = inject('e2e');
const tools = ['restic', '/usr/sbin/sshd'].every((p) => spawnSync('sh', ['-c', `command -v ${p}`]).status === 0);

describe.skipIf(!ctx.available || !tools)('snapshots in a restic repository over sftp', () => {
  let run: Run;
  let bin: string;
  let policy: string;
  let server: SftpServer | undefined;
  let repoDir: string;

  const guard = (args: string[]) => run([path.join(bin, 'compose-guard'), ...args], { shims: bin, policy });
  const repoBytes = () => Number(spawnSync('du', ['-sb', repoDir], { encoding: 'utf8' }).stdout.split('\t')[0]);

  beforeAll(async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'cg-e2e-home-'));
    run = commandRunner(ctx, copyFixture(PROJECT, path.join(repoRoot, 'test/fixtures')), home);
    bin = installShims().bin;
    server = await startSftpServer();
    repoDir = path.join(server.home, 'repo');
    policy = resticPolicy(home, `sftp:${server.user}@127.0.0.1:${repoDir}`, `  restic-options: ${JSON.stringify([server.sftpCommand])}\n`);
    freshSeededStack(run);
  });

  afterAll(() => {
    run?.(['docker', 'compose', 'down', '-v', '--remove-orphans']);
    server?.stop();
  });

  it('snapshots over sftp before a real down -v; restore brings the same rows back', () => {
    const issued = grantAtTerminal(run, bin, policy, ['--reason', 'rebuild', '--', 'docker', 'compose', 'down', '-v']);
    expect(issued.stdout.trim().split('\n').at(-1), issued.stdout).toBe('exit=0');
    const down = run(['docker', 'compose', 'down', '-v'], { shims: bin, policy });
    expect(down.status, down.stderr).toBe(0);
    expect(down.stderr).toMatch(/taken and verified in sftp:/);
    expect(projectVolumes(run)).toEqual([]);
    const [snap] = JSON.parse(guard(['snapshots', '--json']).stdout);
    expect(snap).toMatchObject({ project: PROJECT, verified: true, store: expect.stringMatching(/^restic:sftp:/) });
    const restore = guard(['restore', snap.id]);
    expect(restore.status, restore.stderr).toBe(0);
    expect(run(['docker', 'compose', 'up', '-d'], { shims: bin, policy }).status).toBe(0);
    waitForPostgres(run);
    expect(rowCount(run)).toBe(ROWS);
  });

  it('a second snapshot of unchanged data adds almost nothing to the repository', () => {
    const first = guard(['snapshot']);
    expect(first.status, first.stderr).toBe(0);
    const before = repoBytes();
    const second = guard(['snapshot']);
    expect(second.status, second.stderr).toBe(0);
    const added = repoBytes() - before;
    const stored = JSON.parse(guard(['snapshots', '--json']).stdout)[0].bytes as number;
    console.log(`figures: restic repository ${before} bytes after a snapshot of ${stored} volume bytes; the second snapshot of the same data added ${added} bytes`);
    expect(added).toBeLessThan(stored / 20);
  });

  it('verify reads a snapshot back and runs restic check --read-data; a damaged pack is reported', () => {
    const listed: Array<{ id: string; time: string }> = JSON.parse(guard(['snapshots', '--json']).stdout);
    const intact = guard(['verify', listed[0]!.id]);
    expect(intact.status, intact.stderr).toBe(0);
    expect(intact.stdout).toMatch(/^sftp:\S+  verified: restic check --read-data: no errors were found \(\d+ packs read\)$/m);
    expect(intact.stdout).toMatch(new RegExp(`^${listed[0]!.id}  verified: 3 volumes`, 'm'));
    const recorded = () => JSON.parse(guard(['snapshots', '--json']).stdout) as Array<{ id: string; verified: boolean; lastVerification: Record<string, unknown> }>;
    expect(recorded()[0]).toMatchObject({ id: listed[0]!.id, verified: true, lastVerification: {
      ok: true, by: 'sha256, files and bytes read back through restic dump; restic check --read-data', problems: [],
      storeCheck: { ok: true, summary: expect.stringMatching(/^restic check --read-data: no errors were found/) },
    } });
    const data = path.join(repoDir, 'data');
    const packs = readdirSync(data, { recursive: true, encoding: 'utf8' }).map((p) => path.join(data, p)).filter((p) => statSync(p).isFile());
    const largest = packs.sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
    // The snapshot that wrote the pack holds its data: the newest one started before it was written.
    const written = statSync(largest).mtimeMs;
    const owner = listed.find((s) => Date.parse(s.time) <= written)!;
    const bytes = readFileSync(largest);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    writeFileSync(largest, bytes);
    const damaged = guard(['verify', '--json', owner.id]);
    expect(damaged.status, damaged.stderr).toBe(1);
    const report = JSON.parse(damaged.stdout);
    expect(report.check).toEqual({ ok: false, summary: expect.stringContaining(path.basename(largest)) });
    expect(report.snapshots).toEqual([expect.objectContaining({ id: owner.id, ok: false, problems: [expect.stringMatching(/^pkgstore_\w+: cannot be read back \(restic dump failed/)] })]);
    // Recorded as failed: it no longer counts as verified, and the newest verified is another.
    const after = recorded();
    expect(after.find((s) => s.id === owner.id)).toMatchObject({ verified: false, lastVerification: {
      ok: false, problems: [expect.stringMatching(/^pkgstore_\w+: cannot be read back \(restic dump failed/)], storeCheck: { ok: false },
    } });
    const newestVerified = after.find((s) => s.verified);
    expect(newestVerified).toBeDefined();
    expect(newestVerified!.id).not.toBe(owner.id);
    expect(guard(['snapshots']).stdout).toMatch(new RegExp(`^${owner.id}  .*  FAILED verify \\d+ s ago  `, 'm'));
    console.log(`figures: verify of a repository with a damaged pack: ${report.check.summary}; ${report.snapshots[0].problems[0]}`);
  });
});
