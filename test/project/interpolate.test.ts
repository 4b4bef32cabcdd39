import { describe, expect, it } from 'vitest';
import { interpolate } from '../../src/project/interpolate.js';

const env: Record<string, string> = { SET: 'value', EMPTY: '', A: 'a', B: 'b' };
const lookup = (name: string): string | undefined => env[name];

describe('interpolate', () => {
  it.each([
    ['plain', 'plain'],
    ['$$SET', '$SET'],
    ['$SET', 'value'],
    ['${SET}', 'value'],
    ['x${SET}y', 'xvaluey'],
    ['$SET.x', 'value.x'],
    ['$UNSET', ''],
    ['${UNSET}', ''],
    ['${UNSET:-d}', 'd'],
    ['${EMPTY:-d}', 'd'],
    ['${EMPTY-d}', ''],
    ['${UNSET-d}', 'd'],
    ['${SET:+alt}', 'alt'],
    ['${EMPTY:+alt}', ''],
    ['${EMPTY+alt}', 'alt'],
    ['${UNSET+alt}', ''],
    ['${SET:?boom}', 'value'],
    ['${EMPTY?boom}', ''],
    ['${UNSET:-${A:-x}}', 'a'],
    ['${UNSET:-${NOPE:-${B}}}', 'b'],
    ['${UNSET:-a-b_c}', 'a-b_c'],
    ['$1 and $ and $-', '$1 and $ and $-'],
    ['${SET}_${A}', 'value_a'],
  ])('%s -> %s', (input, expected) => {
    expect(interpolate(input, lookup)).toBe(expected);
  });

  it.each([
    ['${UNSET:?needed}', /required variable UNSET is missing a value: needed/],
    ['${EMPTY:?e}', /required variable EMPTY/],
    ['${UNSET?e}', /required variable UNSET/],
    ['${', /invalid interpolation format/],
    ['${1abc}', /invalid interpolation format/],
    ['${SET!x}', /invalid interpolation format/],
  ])('%s fails', (input, error) => {
    expect(() => interpolate(input, lookup)).toThrow(error);
  });

  it('has no alternate operators for Compose v1', () => {
    expect(() => interpolate('${SET:+x}', lookup, { alternates: false })).toThrow(/invalid interpolation format/);
  });
});
