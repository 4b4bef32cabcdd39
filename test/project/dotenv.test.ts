import { describe, expect, it } from 'vitest';
import { parseDotenv } from '../../src/project/dotenv.js';

const inherit = (name: string): string | undefined => ({ FROM_SHELL: 'shell' } as Record<string, string>)[name];

describe('parseDotenv', () => {
  it.each([
    ['A=1', { A: '1' }],
    ['export A=1', { A: '1' }],
    ['A: 1', { A: '1' }],
    ['A = spaced  ', { A: 'spaced' }],
    ['A=x # comment', { A: 'x' }],
    ['A=x#not-comment', { A: 'x#not-comment' }],
    ["A='lit $B \\n'", { A: 'lit $B \\n' }],
    ['A="esc\\tx\\n\\"q\\""', { A: 'esc\tx\n"q"' }],
    ['A="two\nlines"', { A: 'two\nlines' }],
    ['# c\n\nA=1\nB=${A}2', { A: '1', B: '12' }],
    ['B=${FROM_SHELL}-x', { B: 'shell-x' }],
    ['FROM_SHELL', { FROM_SHELL: 'shell' }],
    ['NOT_SET', {}],
    ['A.B-C[0]=k', { 'A.B-C[0]': 'k' }],
    ['A=1\r\nB=2\r\n', { A: '1', B: '2' }],
    ['A=${MISSING:-dflt}', { A: 'dflt' }],
  ])('%j', (text, expected) => {
    expect(Object.fromEntries(parseDotenv(text, inherit))).toEqual(expected);
  });

  it('asks `first` before the file\'s own values, and for bare keys', () => {
    const first = (name: string) => ({ A: 'first' } as Record<string, string>)[name];
    expect(Object.fromEntries(parseDotenv('A=own\nB=${A}\nA\nC=${FROM_SHELL}', inherit, first))).toEqual({ A: 'first', B: 'first', C: 'shell' });
  });
});
