// The policy's snapshot place opens the store it names: the folder, or a restic repository
// when one is set (then the folder is not used).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../src/tools/snapshot/open-store.js';

describe('openStore', () => {
  it('opens the folder store when no repository is set', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'cg-open-')), 'snaps');
    const store = openStore({ dir, keep: 5 }, { PATH: process.env.PATH }, 'h');
    expect(store).toMatchObject({ kind: 'dir', location: dir });
    expect(await store.list()).toEqual([]);
  });

  it('opens the restic repository when one is set', () => {
    const store = openStore({ dir: '/nonexistent', keep: 5, repository: { url: 'sftp:backup@host:/srv/restic', options: [] } }, {}, 'h');
    expect(store).toMatchObject({ kind: 'restic', location: 'sftp:backup@host:/srv/restic' });
  });
});
