// The restic store on a real restic repository in a local folder: created on first use; a
// volume's tar goes in and comes back byte for byte, and its read-back is checked against the
// tar's sha256; a snapshot is listed only once its manifest is written; abort and remove forget
// what was written; a repository restic cannot open is an error, not an empty list.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { sha256Of } from '../../../src/tools/snapshot/hash-tap.js';
import { resticStore } from '../../../src/tools/snapshot/restic-store.js';
import type { Manifest } from '../../../src/tools/snapshot/store.js';

const work = mkdtempSync(path.join(tmpdir(), 'cg-restic-'));
const passwordFile = path.join(work, 'password');
writeFileSync(passwordFile, 'correct horse\n');
const url = path.join(work, 'repo');
const env = { PATH: process.env.PATH, HOME: work };
const store = resticStore({ url, passwordFile, options: [] }, env, 'test-host');
const data = Buffer.concat(Array.from({ length: 3000 }, (_, i) => Buffer.from(`row ${i}\n`)));
const sum = () => sha256Of(Readable.from([data]));
const snapshotsTagged = (tag: string) => JSON.parse(execFileSync('restic', ['snapshots', '--json', '--tag', tag], { env: { ...env, RESTIC_REPOSITORY: url, RESTIC_PASSWORD_FILE: passwordFile } }).toString()) as unknown[];

const manifest = (id: string, stored: string): Manifest => ({
  format: 1, id, project: 'p', time: '2026-11-24T12:00:00Z', host: 'test-host', engine: { endpoint: 'unix:///x', version: '28' }, command: ['docker'], reason: 'r',
  volumes: [{ name: 'p_data', driver: 'local', labels: {}, options: {}, services: [], containers: [], files: 1, bytes: data.length, sha256: '', consistency: '', pausedMs: 0, storedBytes: 0, stored }],
  verified: true, store: `restic:${url}`,
});

describe.sequential('the restic store', () => {
  it('lists nothing before the repository exists', async () => {
    expect(store).toMatchObject({ kind: 'restic', location: url });
    expect(await store.list()).toEqual([]);
  });

  it('creates the repository, stores a volume, checks it back, and counts it once committed', async () => {
    const writer = await store.begin('p-1');
    const { stored, storedBytes } = await writer.writeVolume('p_data', Readable.from([data.subarray(0, 100), data.subarray(100)]));
    expect(stored).toMatch(/^[0-9a-f]{8,64}:\/p_data\.tar$/);
    expect(storedBytes).toBeGreaterThan(0);
    await writer.verify(stored, await sum());
    await expect(writer.verify(stored, 'f'.repeat(64))).rejects.toThrow(`${stored} reads back from restic with another sha256`);
    expect(await store.list()).toEqual([]);
    await writer.commit(manifest('p-1', stored));
    const [listed] = await store.list();
    expect(listed).toEqual(manifest('p-1', stored));
    expect(await sha256Of(await store.read(listed!, 'p_data'))).toBe(await sum());
    await expect(store.read(listed!, 'other')).rejects.toThrow('snapshot p-1 holds no volume other');
  });

  it('abort forgets what was written, and the snapshot never counts', async () => {
    const writer = await store.begin('p-2');
    await writer.writeVolume('p_data', Readable.from([data]));
    expect(snapshotsTagged('compose-guard-id:p-2')).toHaveLength(1);
    await writer.abort();
    expect(snapshotsTagged('compose-guard-id:p-2')).toHaveLength(0);
    expect((await store.list()).map((m) => m.id)).toEqual(['p-1']);
  });

  it('records a verification as a new manifest snapshot and forgets the one before', async () => {
    const [listed] = await store.list();
    const failed = { time: '2026-11-25T12:00:00.000Z', ok: false, by: 'sha256, files and bytes read back through restic dump', problems: ['p_data: sha256 differs'] };
    await store.record(listed!, failed);
    expect(snapshotsTagged('compose-guard-manifest')).toHaveLength(1);
    expect(await store.list()).toEqual([{ ...listed, verification: failed }]);
    // A second store (another run) finds the manifest snapshot itself.
    const passed = { ...failed, time: '2026-11-25T13:00:00.000Z', ok: true, problems: [] };
    await resticStore({ url, passwordFile, options: [] }, env, 'test-host').record(listed!, passed);
    expect(snapshotsTagged('compose-guard-manifest')).toHaveLength(1);
    expect((await store.list())[0]!.verification).toEqual(passed);
  });

  it('of two manifests of one snapshot (a forget cut short), the newest written counts', async () => {
    const [listed] = await store.list();
    const newer = { ...listed!, verification: { ...listed!.verification!, time: '2026-11-25T14:00:00.000Z', ok: false, problems: ['p_data: cut'] } };
    execFileSync('restic', ['backup', '--stdin', '--stdin-filename', '/manifest.json', '--tag', 'compose-guard-manifest', '--tag', 'compose-guard-id:p-1'],
      { input: JSON.stringify(newer), env: { ...env, RESTIC_REPOSITORY: url, RESTIC_PASSWORD_FILE: passwordFile } });
    expect(snapshotsTagged('compose-guard-manifest')).toHaveLength(2);
    expect(await store.list()).toEqual([newer]);
  });

  it('remove forgets the volumes and the manifest', async () => {
    const [listed] = await store.list();
    await store.remove(listed!);
    expect(await store.list()).toEqual([]);
    expect(snapshotsTagged('compose-guard-id:p-1')).toHaveLength(0);
    expect(snapshotsTagged('compose-guard-manifest')).toHaveLength(0);
  });

  it('a repository it cannot open is an error', async () => {
    writeFileSync(path.join(work, 'wrong'), 'wrong password\n');
    const wrong = resticStore({ url, passwordFile: path.join(work, 'wrong'), options: [] }, env, 'test-host');
    await expect(wrong.list()).rejects.toThrow(/^restic snapshots failed \(status \d+\): /);
  });

  it('reads the credentials of snapshots.environment-file when restic runs, and an unreadable one is the error', async () => {
    const vars = path.join(work, 'restic.env');
    writeFileSync(vars, 'RESTIC_PACK_SIZE=16\n');
    expect(await resticStore({ url, passwordFile, environmentFile: vars, options: [] }, env, 'test-host').list()).toEqual([]);
    const missing = resticStore({ url, passwordFile, environmentFile: path.join(work, 'none.env'), options: [] }, env, 'test-host');
    await expect(missing.list()).rejects.toThrow(/^snapshots\.environment-file \S+none\.env cannot be read: ENOENT$/);
  });
});

// Injected fault: a restic that, like restic 0.14 once a repository is open, retries a request the
// server refused (about 45 s in all); the store stops it at the first retry and says why.
describe('a repository that refuses the credentials', () => {
  const bin = path.join(work, 'refusing-bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(path.join(bin, 'restic'), `#!/bin/sh
echo 'List(key) returned error, retrying after 552.330144ms: Access Denied.' >&2
exec sleep 60
`);
  chmodSync(path.join(bin, 'restic'), 0o755);
  const refusing = resticStore({ url: 's3:http://127.0.0.1:9/b/r', passwordFile, options: [] }, { ...env, PATH: `${bin}:${env.PATH}` }, 'test-host');

  it('stops restic at the first refused retry and says so in one line, naming where the credentials came from', async () => {
    const started = Date.now();
    await expect(refusing.begin('p-3')).rejects.toThrow(/^s3:http:\/\/127\.0\.0\.1:9\/b\/r refused the credentials restic was given \(from the environment\): Access Denied\.$/);
    expect(Date.now() - started).toBeLessThan(10_000);
    await expect(refusing.list()).rejects.toThrow(/refused the credentials/);
  });
});
