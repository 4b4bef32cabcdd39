// Where the caller's permits and audit live; root uses HOME's folder only when root owns it.
import { chmodSync, chownSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ownPermitDir, ownStateDir } from '../../src/policy/state-dir.js';

const isRoot = process.getuid?.() === 0;
const fresh = () => mkdtempSync(path.join(tmpdir(), 'cg-state-dir-'));

describe('ownStateDir', () => {
  it('is what HOME and XDG_STATE_HOME say for a user', () => {
    expect(ownStateDir({ HOME: '/home/ann' }, { uid: 1000, home: '/home/ann' })).toBe('/home/ann/.local/state/compose-guard');
    expect(ownStateDir({ HOME: '/home/ann', XDG_STATE_HOME: '/xdg' }, { uid: 1000, home: '/elsewhere' })).toBe('/xdg/compose-guard');
  });

  it('names the permits folder inside it', () => {
    expect(ownPermitDir({ HOME: '/home/ann' }, { uid: 1000, home: '/home/ann' })).toBe('/home/ann/.local/state/compose-guard/permits');
  });

  it.runIf(isRoot)('is HOME\'s for root when root owns the nearest folder there and nobody else may write it', () => {
    const home = fresh();
    chmodSync(home, 0o755);
    expect(ownStateDir({ HOME: home }, { uid: 0, home: '/root' })).toBe(path.join(home, '.local/state/compose-guard'));
  });

  it.runIf(isRoot)('is root\'s own home when HOME is a user\'s (sudo -E)', () => {
    const home = fresh();
    chownSync(home, 1000, 1000);
    expect(ownStateDir({ HOME: home }, { uid: 0, home: '/root' })).toBe('/root/.local/state/compose-guard');
  });

  it.runIf(isRoot)('is root\'s own home when the folder is writable by others', () => {
    const home = fresh();
    chmodSync(home, 0o777);
    expect(ownStateDir({ HOME: home }, { uid: 0, home: '/root' })).toBe('/root/.local/state/compose-guard');
    const state = path.join(home, 'state');
    mkdirSync(state, { mode: 0o775 });
    chmodSync(state, 0o775);
    expect(ownStateDir({ HOME: home, XDG_STATE_HOME: state }, { uid: 0, home: '/root' })).toBe('/root/.local/state/compose-guard');
  });

  it.runIf(isRoot)('is root\'s own home when the nearest existing folder is a symlink', () => {
    const home = fresh();
    chmodSync(home, 0o755);
    const real = path.join(home, 'real');
    mkdirSync(real, { mode: 0o755 });
    symlinkSync(real, path.join(home, '.local'));
    expect(ownStateDir({ HOME: home }, { uid: 0, home: '/root' })).toBe('/root/.local/state/compose-guard');
  });
});
