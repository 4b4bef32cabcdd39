// Compose v2 names the project from $PWD when it is the same directory as the real one.
import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { logicalCwd } from '../../src/project/logical-cwd.js';

const root = mkdtempSync(path.join(tmpdir(), 'cg-logical-cwd-'));
const release = path.join(root, 'releases', 'r1');
mkdirSync(release, { recursive: true });
mkdirSync(path.join(root, 'other'));
symlinkSync(release, path.join(root, 'current'));

describe('logicalCwd', () => {
  it('takes $PWD when it is a symlink to the working directory', () => {
    expect(logicalCwd(release, { PWD: path.join(root, 'current') })).toBe(path.join(root, 'current'));
  });

  it.each<[string, Record<string, string | undefined>]>([
    ['no PWD', {}],
    ['an empty PWD', { PWD: '' }],
    ['a relative PWD', { PWD: 'current' }],
    ['a PWD that is another directory', { PWD: path.join(root, 'other') }],
    ['a PWD that does not exist', { PWD: path.join(root, 'gone') }],
  ])('keeps the working directory with %s', (_, env) => {
    expect(logicalCwd(release, env)).toBe(release);
  });

  it('compares device and inode through the given stat', () => {
    const stat = (p: string) => ({ '/a': { dev: 1, ino: 5 }, '/b': { dev: 1, ino: 5 }, '/c': { dev: 2, ino: 5 } } as Record<string, { dev: number; ino: number }>)[p];
    expect(logicalCwd('/b', { PWD: '/a' }, stat)).toBe('/a');
    expect(logicalCwd('/c', { PWD: '/a' }, stat)).toBe('/c');
    expect(logicalCwd('/x', { PWD: '/a' }, stat)).toBe('/x');
  });
});
