// The audit's timestamps are toISOString's, character for character, over the whole range.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoTime } from '../../src/cli/iso-time.js';

describe('isoTime', () => {
  it.each([
    ['the epoch', 0],
    ['a leap day', Date.UTC(2024, 1, 29, 23, 59, 59, 999)],
    ['single digits everywhere', Date.UTC(2026, 0, 2, 3, 4, 5, 6)],
    ['the first millisecond of year 0', Date.parse('0000-01-01T00:00:00.000Z')],
    ['a year under 1000', Date.parse('0999-12-31T23:59:59.999Z')],
    ['the last millisecond of year 9999', Date.UTC(9999, 11, 31, 23, 59, 59, 999)],
  ])('writes %s as toISOString does', (_name, ms) => {
    const date = new Date(ms);
    expect(isoTime(date)).toBe(date.toISOString());
  });

  it('is toISOString for any date V8 can hold, including years before 0 and after 9999', () => {
    fc.assert(fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => {
      const date = new Date(ms);
      expect(isoTime(date)).toBe(date.toISOString());
    }), { numRuns: 2000 });
  });

  it('throws for an invalid date, as toISOString does', () => {
    expect(() => isoTime(new Date(Number.NaN))).toThrow(RangeError);
  });
});
