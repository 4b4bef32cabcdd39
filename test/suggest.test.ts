// "Did you mean": edit distance, and the closest known word within a typo's reach.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closest, didYouMean, editDistance } from '../src/suggest.js';

describe('editDistance', () => {
  it.each<[string, string, number]>([
    ['', '', 0],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
    ['production', 'prodcution', 2],
    ['staging', 'staging', 0],
    ['ci', 'cd', 1],
  ])('%s / %s = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it('is a metric: zero only for equal words, symmetric, and obeys the triangle inequality', () => {
    const word = fc.string({ maxLength: 8 });
    fc.assert(fc.property(word, word, word, (a, b, c) => {
      expect(editDistance(a, b) === 0).toBe(a === b);
      expect(editDistance(a, b)).toBe(editDistance(b, a));
      expect(editDistance(a, c)).toBeLessThanOrEqual(editDistance(a, b) + editDistance(b, c));
      expect(editDistance(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
    }));
  });
});

describe('closest', () => {
  const tags = ['production', 'staging', 'ci', 'development'];
  it.each<[string, string | undefined]>([
    ['prodcution', 'production'],
    ['PRODUCTION', 'production'],
    ['prod', 'production'],
    ['stage', 'staging'],
    ['stagign', 'staging'],
    ['cx', 'ci'],
    ['banana', undefined],
    ['dev', 'development'],
    ['zz', 'ci'],
    ['qqqqqqqqq', undefined],
  ])('%s -> %s', (word, match) => {
    expect(closest(word, tags)).toBe(match);
  });

  it('prefers the nearer of two candidates', () => {
    expect(closest('rm', ['rmi', 'run'])).toBe('rmi');
  });

  it('finds nothing among no words', () => {
    expect(closest('x', [])).toBeUndefined();
  });
});

describe('didYouMean', () => {
  it('says the match, or nothing', () => {
    expect(didYouMean('prodution', ['production'])).toBe(' (did you mean production?)');
    expect(didYouMean('elephant', ['production'])).toBe('');
  });
});
