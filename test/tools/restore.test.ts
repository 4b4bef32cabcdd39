// restore checks everything it can before it writes anything: the snapshot must exist, hold the
// volumes asked for, and read back with the sha256 its manifest records. Each refusal is one
// line, status 1, and the engine is never asked (here it is not even there). Writing into real
// volumes is tested on the real engine (test/e2e/snapshots.test.ts).
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { restoreCommand } from '../../src/tools/restore.js';
import { testIo } from '../helpers/cli-io.js';
import { commitSnapshots, snapshotPolicy } from '../helpers/snapshot-store.js';

async function setUp() {
  const { io, captured } = testIo({ argv: [], cwd: '/', env: { ...process.env, DOCKER_HOST: 'unix:///nonexistent/docker.sock' } });
  const dir = snapshotPolicy(io.env);
  const [m] = await commitSnapshots(dir, [{ id: 'shop-20261124T120000Z-abcdef', project: 'shop', time: '2026-11-24T12:00:00Z', volumes: { shop_db: Buffer.alloc(40_000, 'd'), shop_files: Buffer.from('f') } }]);
  const restore = (id: string, values: Record<string, string | boolean> = {}) => restoreCommand(io, { operands: [id], values, raw: [] });
  return { io, captured, dir, manifest: m!, restore };
}

describe('restoreCommand refuses before writing', () => {
  it('a snapshot that is not there', async () => {
    const { captured, dir, restore } = await setUp();
    expect(await restore('blog')).toBe(1);
    expect(captured.stderr).toBe(`compose-guard restore: no snapshot blog in ${dir}\n`);
  });

  it('a volume the snapshot does not hold', async () => {
    const { captured, restore } = await setUp();
    expect(await restore('shop-2026', { volume: 'shop_cache' })).toBe(1);
    expect(captured.stderr).toBe('compose-guard restore: refused: snapshot shop-20261124T120000Z-abcdef holds no volume shop_cache (it holds shop_db, shop_files)\n');
  });

  it('a stored copy whose sha256 is not the one the manifest records', async () => {
    const { captured, dir, manifest, restore } = await setUp();
    const file = path.join(dir, manifest.id, 'manifest.json');
    const changed = JSON.parse(readFileSync(file, 'utf8'));
    changed.volumes[1].sha256 = '0'.repeat(64);
    writeFileSync(file, JSON.stringify(changed));
    expect(await restore(manifest.id)).toBe(1);
    expect(captured.stderr).toMatch(/^compose-guard restore: refused: shop_files in snapshot shop-20261124T120000Z-abcdef is corrupted: sha256 [0-9a-f]{16}…, the manifest says 0{16}…; nothing was written\n$/);
  });

  it('a stored copy that cannot be read back; only the volumes asked for are read', async () => {
    const { io, captured, dir, manifest, restore } = await setUp();
    truncateSync(path.join(dir, manifest.id, manifest.volumes[0]!.stored), 30);
    expect(await restore(manifest.id)).toBe(1);
    expect(captured.stderr).toMatch(/^compose-guard restore: refused: shop_db in snapshot shop-20261124T120000Z-abcdef is corrupted: it cannot be read back \(.+\); nothing was written\n$/);
    // Asked for the other volume only, its check passes and restore goes on to the engine (absent here).
    const { io: other, captured: out } = testIo({ argv: [], cwd: '/', env: io.env });
    expect(await restoreCommand(other, { operands: [manifest.id], values: { volume: 'shop_files' }, raw: [] })).toBe(1);
    expect(out.stderr).toMatch(/^compose-guard restore: .*\/nonexistent\/docker\.sock.*\n$/);
  });
});
