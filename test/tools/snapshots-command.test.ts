// `compose-guard snapshots`: the snapshots in the store the policy names, newest first, one
// line each (age, size, verified, volumes) or --json; --project keeps one project's; an empty
// store says where it looked.
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dirStore } from '../../src/tools/snapshot/dir-store.js';
import { snapshotsCommand } from '../../src/tools/snapshots-command.js';
import { testIo } from '../helpers/cli-io.js';
import { commitSnapshots, snapshotPolicy } from '../helpers/snapshot-store.js';

const args = (values: Record<string, string | boolean> = {}) => ({ values, operands: [], raw: [] });

async function withSnapshots() {
  const { io, captured } = testIo({ argv: [], cwd: '/' });
  const dir = snapshotPolicy(io.env);
  await commitSnapshots(dir, [
    { id: 'shop-old', project: 'shop', time: '2026-11-24T09:00:00Z', volumes: { shop_db: Buffer.alloc(1500), shop_files: Buffer.alloc(500) } },
    { id: 'blog-mid', project: 'blog', time: '2026-11-24T11:00:00Z', volumes: { blog_data: Buffer.alloc(10) }, verified: false },
    { id: 'shop-new', project: 'shop', time: '2026-11-24T11:58:00Z', volumes: { shop_db: Buffer.alloc(2_500_000) } },
  ]);
  return { io, captured, dir };
}

describe('snapshotsCommand', () => {
  it('lists them newest first with age, size, whether verified and the volumes', async () => {
    const { io, captured } = await withSnapshots();
    expect(await snapshotsCommand(io, args())).toBe(0);
    expect(captured.stdout).toBe([
      'shop-new  2 min ago  2.5 MB  verified when taken  shop_db',
      'blog-mid  60 min ago  10 B  NOT verified  blog_data',
      'shop-old  3 h ago  2.0 kB  verified when taken  shop_db, shop_files',
      '',
    ].join('\n'));
  });

  it('--project keeps one project; --json gives every field', async () => {
    const { io, captured, dir } = await withSnapshots();
    expect(await snapshotsCommand(io, args({ project: 'shop', json: true }))).toBe(0);
    const rows = JSON.parse(captured.stdout);
    expect(rows.map((r: { id: string }) => r.id)).toEqual(['shop-new', 'shop-old']);
    expect(rows[1]).toEqual({
      id: 'shop-old', project: 'shop', time: '2026-11-24T09:00:00Z', volumes: ['shop_db', 'shop_files'], bytes: 2000,
      verified: true, lastVerification: { time: '2026-11-24T09:00:00Z', ok: true, by: 'read back when it was taken', problems: [] },
      command: 'docker compose down -v', store: `dir:${dir}`,
    });
  });

  it('shows the latest verification recorded, passed or failed', async () => {
    const { io, captured, dir } = await withSnapshots();
    const store = dirStore(dir, { PATH: process.env.PATH });
    const [shopNew, blogMid] = await store.list();
    const failed = { time: '2026-11-24T11:55:00Z', ok: false, by: 'sha256, files and bytes read back from the compressed files', problems: ['shop_db: sha256 differs'] };
    await store.record(shopNew!, failed);
    await store.record(blogMid!, { ...failed, time: '2026-11-24T10:00:00Z', ok: true, problems: [] });
    expect(await snapshotsCommand(io, args())).toBe(0);
    expect(captured.stdout.split('\n').slice(0, 2)).toEqual([
      'shop-new  2 min ago  2.5 MB  FAILED verify 5 min ago  shop_db',
      'blog-mid  60 min ago  10 B  verified 2 h ago  blog_data',
    ]);
    const { io: json, captured: out } = testIo({ argv: [], cwd: '/', env: io.env });
    expect(await snapshotsCommand(json, args({ json: true }))).toBe(0);
    const rows = JSON.parse(out.stdout);
    expect(rows.map((r: { verified: boolean }) => r.verified)).toEqual([false, true, true]);
    expect(rows[0].lastVerification).toEqual(failed);
  });

  it('says where it looked when there are none', async () => {
    const { io, captured } = testIo({ argv: [], cwd: '/' });
    const dir = snapshotPolicy(io.env);
    expect(await snapshotsCommand(io, args())).toBe(0);
    expect(captured.stdout).toBe('');
    expect(captured.stderr).toBe(`compose-guard: no snapshots in ${dir}\n`);
    const { io: json, captured: out } = testIo({ argv: [], cwd: '/', env: io.env });
    expect(await snapshotsCommand(json, args({ json: true }))).toBe(0);
    expect(out.stdout).toBe('[]\n');
  });

  it('fails with one line when the store cannot be read', async () => {
    const { io, captured } = testIo({ argv: [], cwd: '/', env: { ...process.env, PATH: '/nonexistent' } });
    writeFileSync(io.env.COMPOSE_GUARD_POLICY as string, 'snapshots:\n  repository: /srv/restic\n');
    expect(await snapshotsCommand(io, args())).toBe(1);
    expect(captured.stderr).toMatch(/^compose-guard snapshots: restic snapshots failed \(status 127\): .*restic.*\n$/);
  });
});
