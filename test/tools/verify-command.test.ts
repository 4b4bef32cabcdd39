// `compose-guard verify` on the real folder store: each chosen snapshot read back against its
// manifest (sha256, files, bytes), one line each or --json, status 1 when one fails; snapshots
// chosen by id or unique prefix (a wrong one is a usage error, 2), or by --project.
import { truncateSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dirStore } from '../../src/tools/snapshot/dir-store.js';
import { prune } from '../../src/tools/snapshot/store.js';
import { verifyCommand } from '../../src/tools/verify-command.js';
import { testIo } from '../helpers/cli-io.js';
import { tarOf } from '../helpers/engine-volumes.js';
import { commitSnapshots, snapshotPolicy } from '../helpers/snapshot-store.js';

const NOW = '2026-11-24T12:00:00.000Z';

async function setUp() {
  const { io, captured } = testIo({ argv: [], cwd: '/' });
  const dir = snapshotPolicy(io.env);
  const manifests = await commitSnapshots(dir, [
    { id: 'shop-a1', project: 'shop', time: '2026-11-24T10:00:00Z', tars: true, volumes: { shop_db: tarOf({ 'base/1': 'x'.repeat(3000), 'base/2': 'yy' }) } },
    { id: 'shop-a2', project: 'shop', time: '2026-11-24T11:00:00Z', tars: true, volumes: { shop_db: tarOf({ 'base/1': 'z' }), shop_files: tarOf({}) } },
    { id: 'blog-b1', project: 'blog', time: '2026-11-24T11:30:00Z', tars: true, volumes: { blog_data: tarOf({ 'post.md': '# hi' }) } },
  ]);
  const verify = (operands: string[], values: Record<string, string | number | boolean> = {}) => verifyCommand(io, { operands, values, raw: [] });
  return { captured, dir, manifests, verify };
}

describe('verifyCommand', () => {
  it('reads every snapshot back and says each matches', async () => {
    const { captured, verify } = await setUp();
    expect(await verify([])).toBe(0);
    expect(captured.stdout).toBe([
      'blog-b1  verified: 1 volumes, 1 files, 4 B; sha256, files and bytes match',
      'shop-a2  verified: 2 volumes, 1 files, 1 B; sha256, files and bytes match',
      'shop-a1  verified: 1 volumes, 2 files, 3.0 kB; sha256, files and bytes match',
      '',
    ].join('\n'));
  });

  it('fails, naming the volume, when a stored copy is damaged; --project and --json', async () => {
    const { captured, dir, manifests, verify } = await setUp();
    const [a1] = manifests;
    truncateSync(path.join(dir, a1!.id, a1!.volumes[0]!.stored), 20);
    expect(await verify([], { project: 'shop', json: true })).toBe(1);
    const report = JSON.parse(captured.stdout);
    expect(report).toMatchObject({ store: `dir:${dir}`, ok: false });
    expect(report.snapshots.map((s: { id: string; ok: boolean }) => [s.id, s.ok])).toEqual([['shop-a2', true], ['shop-a1', false]]);
    expect(report.snapshots[1].problems).toContainEqual(expect.stringMatching(/^shop_db: cannot be read back \(.+\)$/));
    expect(report.snapshots[1].problems.every((p: string) => p.startsWith('shop_db: '))).toBe(true);
  });

  it('records each result in the manifest: snapshots shows it and prune keeps the newest that passed', async () => {
    const { captured, dir, manifests, verify } = await setUp();
    expect(await verify([])).toBe(0);
    const store = dirStore(dir, { PATH: process.env.PATH });
    const recorded = await store.list();
    expect(recorded.map((m) => [m.id, m.verification?.ok, m.verification?.time])).toEqual([
      ['blog-b1', true, NOW], ['shop-a2', true, NOW], ['shop-a1', true, NOW]]);
    expect(recorded[1]!.verification!.by).toBe('sha256, files and bytes read back from the compressed files');
    const [, a2] = manifests;
    truncateSync(path.join(dir, a2!.id, a2!.volumes[0]!.stored), 20);
    captured.stdout = '';
    expect(await verify(['shop-a2'], { json: true })).toBe(1);
    expect(JSON.parse(captured.stdout).snapshots).toEqual([expect.objectContaining({ id: 'shop-a2', ok: false, recorded: true })]);
    const [failed] = (await store.list()).filter((m) => m.id === 'shop-a2');
    expect(failed!.verification).toMatchObject({ ok: false, problems: [expect.stringMatching(/^shop_db: /), expect.stringMatching(/^shop_db: /)] });
    expect(await prune(store, 'shop', 0)).toEqual(['shop-a2']);
    expect((await store.list()).map((m) => m.id)).toEqual(['blog-b1', 'shop-a1']);
  });

  it('chooses by id or unique prefix; a wrong one is a usage error', async () => {
    const { captured, dir, verify } = await setUp();
    expect(await verify(['blog', 'shop-a1'])).toBe(0);
    expect(captured.stdout.split('\n').filter(Boolean).map((l) => l.split(' ')[0])).toEqual(['blog-b1', 'shop-a1']);
    expect(await verify(['shop-a'])).toBe(2);
    expect(captured.stderr).toBe(`compose-guard verify: shop-a names 2 snapshots; give more of the id in ${dir}\n`);
    expect(await verify(['web'])).toBe(2);
    expect(captured.stderr).toContain(`compose-guard verify: no snapshot web in ${dir}\n`);
  });

  it('says so when there is nothing to verify', async () => {
    const { captured, dir, verify } = await setUp();
    expect(await verify([], { project: 'none' })).toBe(0);
    expect(captured.stderr).toBe(`compose-guard verify: no snapshots in ${dir} for project none\n`);
  });
});
