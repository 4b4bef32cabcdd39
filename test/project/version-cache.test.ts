// The Compose version cache: one small JSON file in the user's own state folder, ignored (and
// never written over) when it cannot be trusted.
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readVersionCache, versionCacheFile, writeVersionCache } from '../../src/project/version-cache.js';

const fresh = () => ({ HOME: mkdtempSync(path.join(tmpdir(), 'cg-version-cache-')) });
const isRoot = process.getuid?.() === 0;

describe('versionCacheFile', () => {
  it('lives in the state folder', () => {
    expect(versionCacheFile({ HOME: '/home/ann' })).toBe('/home/ann/.local/state/compose-guard/compose-versions.json');
    expect(versionCacheFile({ HOME: '/home/ann', XDG_STATE_HOME: '/s' })).toBe('/s/compose-guard/compose-versions.json');
  });
});

describe('writeVersionCache and readVersionCache', () => {
  it('round-trips, creating a private folder and file', () => {
    const env = fresh();
    expect(readVersionCache(env)).toBeUndefined();
    writeVersionCache(env, { '/usr/bin/docker-compose|1|2|3': '2.40.3' });
    expect(readVersionCache(env)).toEqual({ '/usr/bin/docker-compose|1|2|3': '2.40.3' });
    const file = versionCacheFile(env);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(readdirSync(path.dirname(file))).toEqual(['compose-versions.json']);
  });

  it('keeps only the 32 newest entries', () => {
    const env = fresh();
    writeVersionCache(env, Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, `2.${i}.0`])));
    const read = readVersionCache(env) ?? {};
    expect(Object.keys(read)).toHaveLength(32);
    expect(read.k39).toBe('2.39.0');
    expect(read.k7).toBeUndefined();
  });

  it.each([
    ['not JSON', '{'],
    ['a list', '["2.40.3"]'],
    ['a version that is not x.y.z', '{"k":"latest"}'],
    ['a number', '{"k":2}'],
    ['too big', JSON.stringify({ k: '1.2.3', pad: 'x'.repeat(70 * 1024) })],
  ])('ignores a cache that is %s', (_, text) => {
    const env = fresh();
    const file = versionCacheFile(env);
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, text, { mode: 0o600 });
    expect(readVersionCache(env)).toBeUndefined();
  });

  it('ignores, and does not write over, a cache others may write', () => {
    const env = fresh();
    const file = versionCacheFile(env);
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, '{"k":"1.0.0"}', { mode: 0o600 });
    chmodSync(file, 0o666);
    expect(readVersionCache(env)).toBeUndefined();
    writeVersionCache(env, { k: '2.0.0' });
    expect(readFileSync(file, 'utf8')).toBe('{"k":"1.0.0"}');
  });

  it('ignores a cache in a folder others may write', () => {
    const env = fresh();
    writeVersionCache(env, { k: '2.0.0' });
    chmodSync(path.dirname(versionCacheFile(env)), 0o777);
    expect(readVersionCache(env)).toBeUndefined();
  });

  it.runIf(isRoot)('ignores, and does not write over, a cache someone else owns', () => {
    const env = fresh();
    writeVersionCache(env, { k: '2.0.0' });
    const file = versionCacheFile(env);
    chownSync(file, 1000, 1000);
    expect(readVersionCache(env)).toBeUndefined();
    writeVersionCache(env, { k: '3.0.0' });
    expect(readFileSync(file, 'utf8')).toContain('2.0.0');
  });

  it('does not write through a folder it cannot create', () => {
    const env = fresh();
    writeFileSync(path.join(env.HOME, '.local'), 'a file where the folder should be');
    writeVersionCache(env, { k: '2.0.0' });
    expect(existsSync(versionCacheFile(env))).toBe(false);
  });
});
