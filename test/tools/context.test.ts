// What the snapshot commands share: the store the policy in force names (the project's own
// policy file included), the engine docker would address, and a snapshot found by its id or a
// unique prefix of it.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findSnapshot, toolContext } from '../../src/tools/context.js';
import { dirStore } from '../../src/tools/snapshot/dir-store.js';
import { testIo } from '../helpers/cli-io.js';
import { commitSnapshots, snapshotPolicy } from '../helpers/snapshot-store.js';

describe('toolContext', () => {
  it('opens the store the policy names, and the engine DOCKER_HOST names', () => {
    const { io } = testIo({ argv: [], cwd: '/', env: { ...process.env, DOCKER_HOST: 'unix:///run/elsewhere.sock' } });
    const dir = snapshotPolicy(io.env);
    const ctx = toolContext(io, null);
    expect(ctx.store).toMatchObject({ kind: 'dir', location: dir });
    expect(ctx.engine().endpoint).toBe('unix:///run/elsewhere.sock');
  });

  it("reads the project's own policy file", () => {
    const { io } = testIo({ argv: [], cwd: '/' });
    const project = mkdtempSync(path.join(tmpdir(), 'cg-ctx-'));
    writeFileSync(path.join(project, '.compose-guard.yaml'), 'environment: production\n');
    expect(toolContext(io, project).policy.files.map((f) => f.source)).toContain('project');
    expect(toolContext(io, null).policy.files.map((f) => f.source)).not.toContain('project');
  });

  it('says so when the current context has no endpoint it can reach', () => {
    const { io } = testIo({ argv: [], cwd: '/', env: { ...process.env, DOCKER_CONTEXT: 'nowhere' } });
    mkdirSync(path.join(io.env.HOME as string, '.docker/contexts/meta'), { recursive: true });
    expect(() => toolContext(io, null).engine()).toThrow(/context nowhere/);
  });
});

describe('findSnapshot', () => {
  it('finds by the whole id, or by a prefix that names one snapshot only', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cg-find-'));
    await commitSnapshots(dir, [
      { id: 'shop-20261124T100000Z-aaaaaa', project: 'shop', time: '2026-11-24T10:00:00Z', volumes: {} },
      { id: 'shop-20261124T110000Z-bbbbbb', project: 'shop', time: '2026-11-24T11:00:00Z', volumes: {} },
      { id: 'shop-20261124T110000Z-bbbbbb-x', project: 'shop', time: '2026-11-24T11:00:00Z', volumes: {} },
    ]);
    const store = dirStore(dir, {});
    expect((await findSnapshot(store, 'shop-20261124T100')).id).toBe('shop-20261124T100000Z-aaaaaa');
    expect((await findSnapshot(store, 'shop-20261124T110000Z-bbbbbb')).id).toBe('shop-20261124T110000Z-bbbbbb');
    await expect(findSnapshot(store, 'shop-2026')).rejects.toThrow('shop-2026 names 3 snapshots; give more of the id');
    await expect(findSnapshot(store, 'web')).rejects.toThrow(`no snapshot web in ${dir}`);
  });
});
