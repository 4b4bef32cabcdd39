// Parsing a command's arguments from its table entry; every mistake is one UsageError line.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUsageError, optionName, parseCommandArgs, UsageError, wantsHelp } from '../../../src/cli/spec/parse.js';
import type { CommandSpec } from '../../../src/cli/spec/types.js';

const spec: CommandSpec = {
  name: 'demo', summary: 's', synopsis: '',
  options: [
    { long: 'lines', short: 'n', kind: 'integer', min: 1, max: 100, help: 'h' },
    { long: 'size', kind: 'integer', help: 'h' },
    { long: 'decision', kind: 'string', choices: ['allow', 'block'], help: 'h' },
    { long: 'reason', kind: 'string', help: 'h' },
    { long: 'json', kind: 'flag', help: 'h' },
  ],
  operands: { name: 'FILE', min: 0, max: 2 },
  command: 'optional',
};

describe('parseCommandArgs', () => {
  it('converts values by kind and splits operands from the command after --', () => {
    expect(parseCommandArgs(spec, ['-n', '5', '--decision=block', '--json', 'a', '--', 'docker', '--json', 'x'])).toEqual({
      values: { lines: 5, decision: 'block', json: true }, operands: ['a'], command: ['docker', '--json', 'x'],
      raw: ['-n', '5', '--decision=block', '--json', 'a', '--', 'docker', '--json', 'x'],
    });
  });

  it('has no command without --, and an empty one after a bare --', () => {
    expect(parseCommandArgs(spec, ['a']).command).toBeUndefined();
    expect(parseCommandArgs(spec, ['--']).command).toEqual([]);
  });

  it('takes a value that starts with - with =', () => {
    expect(parseCommandArgs(spec, ['--reason=-x']).values.reason).toBe('-x');
  });

  it.each<[string[], string]>([
    [['--bogus'], 'unknown option --bogus'],
    [['-x'], 'unknown option -x'],
    [['--lines'], 'option -n/--lines needs a value (--NAME=VALUE for a value that starts with -)'],
    [['--json=yes'], 'option --json takes no value'],
    [['-n', '0'], '-n/--lines must be a whole number from 1 to 100 (not "0")'],
    [['-n', '101'], '-n/--lines must be a whole number from 1 to 100 (not "101")'],
    [['-n', '1.5'], '-n/--lines must be a whole number from 1 to 100 (not "1.5")'],
    [['-n', '-3'], 'option -n needs a value (--NAME=VALUE for a value that starts with -)'],
    [['--size', '99999999999999999999'], '--size must be a whole number from 0 to any (not "99999999999999999999")'],
    [['--decision', 'maybe'], '--decision must be one of allow, block (not "maybe")'],
    [['a', 'b', 'c'], 'unexpected "c": the command line goes after --'],
  ])('%j -> %s', (args, message) => {
    expect(() => parseCommandArgs(spec, args)).toThrow(new UsageError(message));
  });

  it('checks operands and the command against the entry', () => {
    const strict: CommandSpec = { ...spec, operands: { name: 'SNAPSHOT', min: 1, max: 1 }, command: undefined };
    expect(() => parseCommandArgs(strict, [])).toThrow('SNAPSHOT is required');
    expect(() => parseCommandArgs(strict, ['a', 'b'])).toThrow('unexpected argument "b"');
    expect(() => parseCommandArgs(strict, ['a', '--', 'docker'])).toThrow('takes no command after --');
    expect(() => parseCommandArgs({ ...spec, command: 'required' }, ['a'])).toThrow('the command line goes after --');
  });

  it('hands a raw command its arguments untouched', () => {
    expect(parseCommandArgs({ ...spec, raw: true }, ['--bogus', 'x'])).toEqual({ values: {}, operands: [], raw: ['--bogus', 'x'] });
  });

  it('throws nothing but a UsageError, whatever the arguments', () => {
    const arg = fc.oneof(fc.constantFrom('-n', '--lines', '--lines=', '--json', '--json=1', '--decision', '--', '-', '-nn', '--reason', 'x', '5', '-h'), fc.string({ maxLength: 5 }));
    fc.assert(fc.property(fc.array(arg, { maxLength: 8 }), (args) => {
      try {
        parseCommandArgs(spec, args);
      } catch (error) {
        expect(isUsageError(error)).toBe(true);
      }
    }), { numRuns: 1000 });
  });
});

describe('wantsHelp', () => {
  it.each<[string[], boolean]>([
    [['--help'], true], [['x', '-h'], true], [['--', '--help'], false], [['x'], false], [['--helpful'], false],
  ])('%j -> %s', (args, wants) => {
    expect(wantsHelp(args)).toBe(wants);
  });
});

describe('isUsageError and optionName', () => {
  it('tells a usage error by its name (each bundle has its own class)', () => {
    expect(isUsageError(new UsageError('x'))).toBe(true);
    expect(isUsageError(Object.assign(new Error('x'), { name: 'UsageError' }))).toBe(true);
    expect(isUsageError(new Error('x'))).toBe(false);
    expect(isUsageError('UsageError')).toBe(false);
  });

  it('names options as help shows them', () => {
    expect(optionName({ long: 'lines', short: 'n', kind: 'integer', help: '' })).toBe('-n/--lines');
    expect(optionName({ long: 'json', kind: 'flag', help: '' })).toBe('--json');
  });
});
