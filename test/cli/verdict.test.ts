// The verdict the shim acts on: `go <token>` or `stop <token>` on its channel, nothing without a token.
import { describe, expect, it } from 'vitest';
import { tellShim, VERDICT_VARIABLE, withoutToken } from '../../src/cli/verdict.js';
import { testIo } from '../helpers/cli-io.js';

function told(token: string | undefined, status: number): string[] {
  const said: string[] = [];
  const { io } = testIo({ argv: [], cwd: '/', env: token === undefined ? {} : { [VERDICT_VARIABLE]: token }, verdict: (t) => said.push(t) });
  tellShim(io, status);
  return said;
}

describe('tellShim', () => {
  it.each<[string | undefined, number, string[]]>([
    ['abc.123-X', 0, ['go abc.123-X\n']],
    ['abc', 77, ['stop abc\n']],
    ['abc', 1, ['stop abc\n']],
    ['abc', 2, ['stop abc\n']],
    [undefined, 0, []],
    ['', 0, []],
    ['has space', 0, []],
    ['go x', 0, []],
    ['x'.repeat(129), 0, []],
    ['x'.repeat(128), 0, [`go ${'x'.repeat(128)}\n`]],
    ['line\nbreak', 0, []],
  ])('token %j, status %i -> %j', (token, status, expected) => {
    expect(told(token, status)).toEqual(expected);
  });

  it('does nothing without a channel', () => {
    const { io } = testIo({ argv: [], cwd: '/', env: { [VERDICT_VARIABLE]: 'abc' } });
    expect(() => tellShim(io, 0)).not.toThrow();
  });
});

describe('withoutToken', () => {
  it('drops the token and keeps the rest', () => {
    expect(withoutToken({ [VERDICT_VARIABLE]: 't', PATH: '/bin' })).toEqual({ PATH: '/bin' });
  });

  it('returns the same environment when there is no token', () => {
    const env = { PATH: '/bin' };
    expect(withoutToken(env)).toBe(env);
  });
});
