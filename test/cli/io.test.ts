// What the CLI takes from the outside world: colour, and the same io with another environment.
import { describe, expect, it } from 'vitest';
import { colorEnabled, withEnv, type CliIo } from '../../src/cli/io.js';
import { testIo } from '../helpers/cli-io.js';

describe('colorEnabled', () => {
  it.each<[Record<string, string>, boolean, boolean]>([
    [{}, false, false],
    [{}, true, true],
    [{ NO_COLOR: '1' }, true, false],
    [{ NO_COLOR: '1', FORCE_COLOR: '1' }, true, false],
    [{ FORCE_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '' }, false, false],
    [{ NO_COLOR: '' }, true, true],
  ])('%j on a terminal: %s -> %s', (env, tty, color) => {
    expect(colorEnabled({ env, stderrIsTty: tty })).toBe(color);
  });
});

describe('withEnv', () => {
  it('replaces the environment and keeps everything else', () => {
    const { io, captured } = testIo({ argv: ['check'], cwd: '/srv', env: { A: '1' } });
    const other = withEnv(io, { B: '2' });
    expect(other.env).toEqual({ B: '2' });
    expect(io.env).toEqual({ A: '1' });
    expect(other.cwd).toBe('/srv');
    other.stderr('through');
    expect(captured.stderr).toBe('through');
  });

  it('does not find out lazily known fields before they are used', () => {
    let asked = 0;
    const { io } = testIo({ argv: [], cwd: '/' });
    const lazy = Object.defineProperty({ ...io }, 'user', { get: () => { asked += 1; return { name: 'x', uid: 1 }; }, enumerable: true, configurable: true }) as CliIo;
    const other = withEnv(lazy, {});
    expect(asked).toBe(0);
    expect(other.user.name).toBe('x');
    expect(asked).toBe(1);
  });
});
