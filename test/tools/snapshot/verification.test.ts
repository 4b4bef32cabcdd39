// The record of a verification: bounded (five problems of one line each at most), saying how it
// was verified; "verified" is the latest verification's outcome; recording through the real
// folder store keeps the old manifest whole and skips a verdict the deadline cut short.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dirStore } from '../../../src/tools/snapshot/dir-store.js';
import type { Manifest } from '../../../src/tools/snapshot/store.js';
import { isVerified, lastVerification, MAX_LINE, recordVerdicts, verificationOf } from '../../../src/tools/snapshot/verification.js';
import type { SnapshotVerdict } from '../../../src/tools/snapshot/verify.js';
import { commitSnapshots } from '../../helpers/snapshot-store.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const verdict = (id: string, problems: string[] = [], conclusive = true): SnapshotVerdict =>
  ({ id, ok: problems.length === 0, volumes: 1, files: 1, bytes: 1, problems, conclusive });

async function twoSnapshots() {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'cg-record-')), 'snapshots');
  const manifests = await commitSnapshots(dir, [
    { id: 'p-1', project: 'p', time: '2026-11-24T10:00:00Z', volumes: { p_db: Buffer.from('one') } },
    { id: 'p-2', project: 'p', time: '2026-11-24T11:00:00Z', volumes: { p_db: Buffer.from('two') } },
  ]);
  return { dir, manifests, store: dirStore(dir, { PATH: process.env.PATH }) };
}

describe('verificationOf', () => {
  it('says when and how, and keeps the store check beside', () => {
    expect(verificationOf(verdict('p-1'), 'dir', undefined, NOW)).toEqual({
      time: '2026-11-25T12:00:00.000Z', ok: true, by: 'sha256, files and bytes read back from the compressed files', problems: [],
    });
    expect(verificationOf(verdict('p-1'), 'restic', { ok: false, summary: 'restic check --read-data failed (status 1): pack 1a2b' }, NOW)).toEqual({
      time: '2026-11-25T12:00:00.000Z', ok: true, by: 'sha256, files and bytes read back through restic dump; restic check --read-data', problems: [],
      storeCheck: { ok: false, summary: 'restic check --read-data failed (status 1): pack 1a2b' },
    });
  });

  it('is bounded: five problems at most, each one line of at most MAX_LINE characters', () => {
    const many = Array.from({ length: 40 }, (_, i) => `v${i}: sha256 differs\n${'x'.repeat(1000)}`);
    const record = verificationOf(verdict('p-1', many), 'dir', { ok: false, summary: 'y'.repeat(5000) }, NOW);
    expect(record.ok).toBe(false);
    expect(record.problems).toHaveLength(5);
    expect(record.problems[4]).toBe('36 more problems');
    expect(record.problems.every((p) => !p.includes('\n') && p.length <= MAX_LINE)).toBe(true);
    expect(record.storeCheck!.summary.length).toBe(MAX_LINE);
    expect(JSON.stringify(record).length).toBeLessThan(2000);
  });
});

describe('isVerified and lastVerification', () => {
  const base = { verified: true, time: '2026-11-24T10:00:00Z' } as Manifest;
  it('the latest verification decides; without one, the read-back when taken', () => {
    expect(isVerified(base)).toBe(true);
    expect(lastVerification(base)).toEqual({ time: '2026-11-24T10:00:00Z', ok: true, by: 'read back when it was taken', problems: [] });
    expect(isVerified({ ...base, verified: false })).toBe(false);
    expect(lastVerification({ ...base, verified: false })).toBeNull();
    const failed = verificationOf(verdict('p-1', ['p_db: sha256 differs']), 'dir', undefined, NOW);
    expect(isVerified({ ...base, verification: failed })).toBe(false);
    expect(isVerified({ ...base, verified: false, verification: { ...failed, ok: true, problems: [] } })).toBe(true);
  });
});

describe('recordVerdicts through the folder store', () => {
  it('records passed and failed verdicts in the manifests, and skips one the deadline cut short', async () => {
    const { dir, manifests, store } = await twoSnapshots();
    const result = await recordVerdicts(store, manifests, [verdict('p-2', ['p_db: sha256 differs']), verdict('p-1', ['p_db: not read (out of time)'], false)], undefined, NOW);
    expect(result).toEqual({ recorded: new Set(['p-2']), failures: [] });
    const [p2, p1] = await store.list();
    expect(p2).toEqual({ ...manifests[1], verification: { time: NOW.toISOString(), ok: false, by: expect.any(String), problems: ['p_db: sha256 differs'] } });
    expect(p1).toEqual(manifests[0]);
    await recordVerdicts(store, [p2!], [verdict('p-2')], undefined, new Date('2026-11-25T13:00:00Z'));
    expect((await store.list())[0]!.verification).toMatchObject({ time: '2026-11-25T13:00:00.000Z', ok: true, problems: [] });
    expect(readdirSync(path.join(dir, 'p-2')).sort()).toEqual(['manifest.json', 'p_db.tar.zst']);
    expect(JSON.parse(readFileSync(path.join(dir, 'p-2', 'manifest.json'), 'utf8')).volumes).toEqual(manifests[1]!.volumes);
  });

  it('says which could not be recorded (a snapshot removed meanwhile) and records the others', async () => {
    const { dir, manifests, store } = await twoSnapshots();
    rmSync(path.join(dir, 'p-1'), { recursive: true });
    const result = await recordVerdicts(store, manifests, [verdict('p-1'), verdict('p-2')], undefined, NOW);
    expect(result.recorded).toEqual(new Set(['p-2']));
    expect(result.failures).toEqual([expect.stringMatching(/^the result for p-1 could not be recorded: .*ENOENT/)]);
    expect(readdirSync(dir)).toEqual(['p-2']);
  });
});
