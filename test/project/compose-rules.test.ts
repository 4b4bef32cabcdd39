// Which rules each Compose v2 version follows, at every threshold.
import { describe, expect, it } from 'vitest';
import { compareVersions, NEWEST_MODELLED, ruleSets, rulesFor } from '../../src/project/compose-rules.js';

describe('Compose rules by version', () => {
  it.each([
    ['2.26.1', { cwdDotenvFirst: false, narrowServices: false, earlyReturnWithoutContainers: false, skipMissingVolumes: false, upYes: false, schema: '2.26.1' }],
    ['2.27.0', { cwdDotenvFirst: false }],
    ['2.27.1', { cwdDotenvFirst: true, narrowServices: false }],
    ['2.28.9', { narrowServices: false }],
    ['2.29.0', { narrowServices: true, earlyReturnWithoutContainers: false }],
    ['2.30.0', { earlyReturnWithoutContainers: true, upYes: true, skipMissingVolumes: false }],
    ['2.34.9', { skipMissingVolumes: false }],
    ['2.35.0', { skipMissingVolumes: true, schema: '2.26.1' }],
    ['2.38.0', { schema: '2.40.3' }],
    ['2.40.3', { cwdDotenvFirst: true, narrowServices: true, earlyReturnWithoutContainers: true, skipMissingVolumes: true, upYes: true, schema: '2.40.3' }],
  ] as const)('%s', (version, expected) => {
    expect(rulesFor(version)).toMatchObject(expected);
  });

  it('reads a version newer than the newest modelled by the newest rules', () => {
    expect(rulesFor('5.1.0')).toEqual(rulesFor(NEWEST_MODELLED));
    expect(rulesFor('2.41.0').version).toBe(NEWEST_MODELLED);
  });

  it('resolves an unknown version with every combination a real version can have', () => {
    const sets = ruleSets(null);
    expect(new Set(sets.map((s) => JSON.stringify({ ...s, version: '' }))).size).toBe(sets.length);
    for (const v of ['2.26.1', '2.27.3', '2.29.7', '2.31.0', '2.36.2', '2.39.1', '2.40.3']) {
      const { version: _v, ...features } = rulesFor(v);
      expect(sets.some(({ version: _s, ...f }) => JSON.stringify(f) === JSON.stringify(features)), v).toBe(true);
    }
    expect(ruleSets('2.40.3')).toEqual([rulesFor('2.40.3')]);
  });

  it('compares versions numerically', () => {
    expect(compareVersions('2.9.0', '2.10.0')).toBeLessThan(0);
    expect(compareVersions('2.40.3', '2.40.3')).toBe(0);
    expect(compareVersions('5.0.0', '2.40.3')).toBeGreaterThan(0);
  });
});
