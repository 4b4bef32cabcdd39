// What the grammar cannot read is read again every plausible way; any destroying reading doubts.
import { describe, expect, it } from 'vitest';
import { anyDoubtful, CANNOT_READ, cannotRead, repairs } from '../../src/grammar/unreadable.js';

describe('cannotRead', () => {
  it('starts with the common phrase', () => {
    expect(cannotRead('`down` with --x')).toBe(`${CANNOT_READ}: \`down\` with --x`);
  });
});

describe('repairs', () => {
  it.each<[string, { index: number; letter?: number }, string[]]>([
    // A long flag: as a bool, and as taking the next word.
    ['--new -v x', { index: 0 }, ['-v x', 'x']],
    // With =value it can only be one flag with a value.
    ['--new=1 -v', { index: 0 }, ['-v']],
    // At the end: both readings are the same.
    ['-v --new', { index: 1 }, ['-v']],
    // A letter inside a cluster: dropped alone, or taking the rest of the cluster as its value.
    ['-vXt 5', { index: 0, letter: 2 }, ['-vt 5', '-v 5']],
    // The last letter of a cluster: its value is the next word.
    ['-vX 5 app', { index: 0, letter: 2 }, ['-v 5 app', '-v app']],
    // A lone letter: nothing left of the token.
    ['-X -v', { index: 0, letter: 1 }, ['-v', '']],
  ])('%s at %j -> %j', (line, at, expected) => {
    const out = repairs(line.split(' '), at);
    expect(out.map((a) => a.join(' '))).toEqual(expected);
  });
});

describe('anyDoubtful', () => {
  it('is true when any alternative is, false when none is', () => {
    expect(anyDoubtful([['a'], ['b']], (a) => a[0] === 'b')).toBe(true);
    expect(anyDoubtful([['a'], ['b']], () => false)).toBe(false);
    expect(anyDoubtful([], () => true)).toBe(false);
  });

  it('judges a line doubtful past four nested levels, without reading deeper', () => {
    const depths: number[] = [];
    const nest = (level: number): boolean => anyDoubtful([['x']], () => {
      depths.push(level);
      return nest(level + 1);
    });
    expect(nest(0)).toBe(true);
    expect(Math.max(...depths)).toBe(3);
  });

  it('recovers its depth after a reader throws', () => {
    expect(() => anyDoubtful([['x']], () => { throw new Error('boom'); })).toThrow('boom');
    expect(anyDoubtful([['x']], () => false)).toBe(false);
  });
});
