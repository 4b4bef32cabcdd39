// Go's strconv.ParseInt(s, 0, 64), as pflag's int flags use it (go/src/strconv/atoi.go).
import { describe, expect, it } from 'vitest';
import { parseGoInt } from '../../src/grammar/go-int.js';

describe('parseGoInt', () => {
  it.each([
    ['0', 0n], ['10', 10n], ['1_0', 10n], ['-1_000', -1000n], ['+7', 7n], ['0x_1', 1n], ['0X1f', 31n], ['0_7', 7n], ['017', 15n],
    ['0o17', 15n], ['0O_7', 7n], ['0b_1', 1n], ['0B101', 5n], ['00', 0n], ['9223372036854775807', 9223372036854775807n],
    ['-9223372036854775808', -9223372036854775808n], ['0x7fff_ffff_ffff_ffff', 9223372036854775807n],
  ])('%s is %s', (text, value) => {
    expect(parseGoInt(text)).toBe(value);
  });

  it.each(['', '-', '+', '08', '09', '0x', '0b', '0o', '0b2', '0o8', '1__0', '_1', '1_', '0_', '0x_', '1e3', '1.5', ' 1', '1 ', '+-1', '--1', 'v',
    '9223372036854775808', '-9223372036854775809', '0x8000000000000000', 'ten', '١'])('%j is refused', (text) => {
    expect(parseGoInt(text)).toBeUndefined();
  });
});
