// The shim's snapshot step: which volumes a judged command would destroy are worth a copy (named
// ones the engine has or was not asked about, and anonymous ones, each once); the lines that
// describe a snapshot taken; and what happens when no engine is there (a note: nothing to copy
// and nothing to destroy) or the snapshot fails (the command stops, with the way to skip it).
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Judgement } from '../../../src/judge.js';
import { describeTaken, snapshotBeforeDestroy, volumesOf } from '../../../src/tools/snapshot/run.js';
import type { Manifest } from '../../../src/tools/snapshot/store.js';
import { testIo } from '../../helpers/cli-io.js';
import { policyOf } from '../../helpers/policy.js';

/** The parts of a judgement the snapshot step reads. */
function judged(over: { endpoint?: string; volumes?: Judgement['resolution']['volumes']; anonymous?: string[]; snapshotsDir?: string }): Judgement {
  return {
    analysis: { tool: 'docker', argv: ['compose', 'down', '-v'] },
    resolution: { project: { name: 'shop', workingDir: '/srv/shop', mode: 'file' }, volumes: over.volumes ?? [], anonymousVolumes: over.anonymous ?? [], uncertainties: [], notes: [], harmless: [] },
    policy: policyOf(['env', `environment: production\nsnapshots:\n  dir: ${over.snapshotsDir ?? '/nonexistent'}\n`]),
    target: { context: 'default', endpoint: over.endpoint, source: 'DOCKER_HOST' },
  } as unknown as Judgement;
}

describe('volumesOf', () => {
  it('takes the named volumes not known to be missing, then the anonymous ones not already named', () => {
    const j = judged({
      volumes: [
        { name: 'shop_db', services: ['db'], exists: true, reason: '' },
        { name: 'shop_gone', services: ['web'], exists: false, reason: '' },
        { name: 'shop_unasked', services: [], reason: '' },
      ],
      anonymous: ['a'.repeat(64), 'shop_db'],
    });
    expect(volumesOf(j)).toEqual([
      { name: 'shop_db', services: ['db'] }, { name: 'shop_unasked', services: [] }, { name: 'a'.repeat(64), services: [] },
    ]);
  });
});

describe('describeTaken', () => {
  it('says where, and for each volume its files, sizes and how it was made consistent; then skipped and pruned', () => {
    const record = { driver: 'local', labels: {}, options: {}, services: [], containers: [], sha256: '', pausedMs: 0, stored: '' };
    const manifest = { id: 'shop-1', volumes: [
      { ...record, name: 'shop_db', files: 1200, bytes: 52_300_000, storedBytes: 9_100_000, consistency: 'paused shop-db-1 for 412 ms' },
      { ...record, name: 'shop_files', files: 0, bytes: 0, storedBytes: 45, consistency: 'no running container used it' },
    ] } as unknown as Manifest;
    expect(describeTaken({ manifest, skipped: ['shop_cache'], pruned: ['shop-0', 'shop-00'] }, '/var/backups/compose-guard')).toBe([
      'compose-guard: snapshot shop-1 taken and verified in /var/backups/compose-guard',
      '  shop_db: 1200 files, 52.3 MB -> 9.1 MB stored; paused shop-db-1 for 412 ms',
      '  shop_files: 0 files, 0 B -> 45 B stored; no running container used it',
      '  shop_cache: not on the engine, nothing to copy',
      '  pruned: shop-0, shop-00',
      '',
    ].join('\n'));
    expect(describeTaken({ manifest, skipped: [], pruned: [] }, 'x')).not.toContain('pruned');
  });
});

describe('snapshotBeforeDestroy', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('with no engine at the endpoint: a note, and no snapshot', async () => {
    const { io, captured } = testIo({ argv: [], cwd: '/' });
    const socket = path.join(mkdtempSync(path.join(tmpdir(), 'cg-run-')), 'none.sock');
    const result = await snapshotBeforeDestroy(io, judged({ endpoint: `unix://${socket}`, volumes: [{ name: 'shop_db', services: [], reason: '' }] }), 'why');
    expect(result).toEqual({ note: `no engine answers at unix://${socket} (ENOENT); nothing to copy, and nothing there to destroy` });
    expect(captured.stderr).toBe(`compose-guard: no snapshot: ${result.note}\n`);
  });

  it('when the snapshot fails: an error, and the stop message says how to skip it deliberately', async () => {
    const socket = path.join(mkdtempSync(path.join(tmpdir(), 'cg-run-')), 'docker.sock');
    // An engine that answers every request with a 500.
    const body = '{"message":"disk full"}';
    server = createServer((s) => s.once('data', () => s.end(`HTTP/1.1 500 Internal Server Error\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`)));
    await new Promise<void>((resolve) => server!.listen(socket, resolve));
    const { io, captured } = testIo({ argv: [], cwd: '/' });
    const result = await snapshotBeforeDestroy(io, judged({ endpoint: `unix://${socket}`, volumes: [{ name: 'shop_db', services: [], reason: '' }] }), 'why');
    expect(result).toEqual({ error: '/version: 500 disk full' });
    expect(captured.stderr).toBe('compose-guard: stopped docker compose down -v: the snapshot before it failed: /version: 500 disk full\n'
      + '  Nothing was destroyed; no partial snapshot was kept. Fix the cause, or skip the snapshot deliberately:\n'
      + '    compose-guard allow-once --no-snapshot --reason "why" -- docker compose down -v\n');
  });

  it('with no endpoint it can reach: an error naming the context', async () => {
    const { io } = testIo({ argv: [], cwd: '/' });
    const j = judged({});
    (j.target as { context: string }).context = 'remote-ssh';
    expect(await snapshotBeforeDestroy(io, j, 'why')).toEqual({ error: 'the engine of context remote-ssh has no endpoint compose-guard can reach' });
  });
});
