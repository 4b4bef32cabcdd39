// Sizes and ages as people read them.
import { describe, expect, it } from 'vitest';
import { humanAge, humanBytes } from '../../src/cli/human.js';

describe('humanBytes', () => {
  it.each<[number, string]>([
    [0, '0 B'], [999, '999 B'], [1000, '1.0 kB'], [1234, '1.2 kB'], [999_999, '1000.0 kB'], [1_200_000_000, '1.2 GB'],
    [5e12, '5.0 TB'], [5e15, '5000.0 TB'],
  ])('%d -> %s', (n, text) => {
    expect(humanBytes(n)).toBe(text);
  });
});

describe('humanAge', () => {
  it.each<[number, string]>([
    [-5000, '0 s'], [0, '0 s'], [499, '0 s'], [1500, '2 s'], [119_000, '119 s'], [120_000, '2 min'], [7_199_000, '120 min'],
    [7_200_000, '2 h'], [172_799_000, '48 h'], [172_800_000, '2 days'], [30 * 86_400_000, '30 days'],
  ])('%d ms -> %s', (ms, text) => {
    expect(humanAge(ms)).toBe(text);
  });
});
