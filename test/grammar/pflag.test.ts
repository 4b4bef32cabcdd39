// pflag v1.0.5 as the docker CLI and Compose v2 use it: each row is what the real parser makes
// of the tokens (assignments, positionals) or the error it refuses them with.
import { describe, expect, it } from 'vitest';
import { allValues, findLong, findShort, isOn, lastValue, parseGoBool, parsePflag, type FlagSet } from '../../src/grammar/pflag.js';

const FLAGS: FlagSet = [
  { long: 'volumes', short: 'v', bool: true, aliases: ['volume'] },
  { long: 'timeout', short: 't', int: true },
  { long: 'file', short: 'f' },
  { long: 'remove-orphans', bool: true },
  { long: 'rmi' },
];

function parse(line: string, interspersed = true) {
  const r = parsePflag(FLAGS, line === '' ? [] : line.split(' '), interspersed);
  return { set: r.assignments.map((a) => `${a.flag}=${a.value}`), positionals: r.positionals, error: r.error, unknown: r.unknownFlag, help: r.help };
}

describe('parsePflag', () => {
  it.each([
    // [tokens, assignments, positionals]
    ['-v', ['volumes=true'], []],
    ['--volumes', ['volumes=true'], []],
    ['--volume', ['volumes=true'], []], // alias
    ['--volumes=false', ['volumes=false'], []],
    ['--volumes=T', ['volumes=T'], []],
    ['-v=0', ['volumes=0'], []],
    ['-vt 5', ['volumes=true', 'timeout=5'], []],
    ['-vt5', ['volumes=true', 'timeout=5'], []],
    ['-t=5', ['timeout=5'], []],
    ['-t 0x1F', ['timeout=0x1F'], []],
    ['-t -3', ['timeout=-3'], []],
    ['--timeout 010', ['timeout=010'], []],
    ['-f a.yml -f=b.yml --file c.yml --file=d.yml', ['file=a.yml', 'file=b.yml', 'file=c.yml', 'file=d.yml'], []],
    ['-fv', ['file=v'], []], // a value flag takes the rest of the cluster
    ['svc -v other', ['volumes=true'], ['svc', 'other']],
    ['svc -- -v', [], ['svc', '-v']],
    ['- -v', ['volumes=true'], ['-']], // a lone dash is a positional
    ['--rmi all', ['rmi=all'], []],
    ['--rmi -v', ['rmi=-v'], []], // a value flag takes the next token whatever it is
  ])('%s', (line, set, positionals) => {
    const r = parse(line);
    expect(r.error).toBeUndefined();
    expect([r.set, r.positionals]).toEqual([set, positionals]);
  });

  it.each([
    // [tokens, error, unknown flag]
    ['-tv', 'invalid argument "v" for "-t, --timeout" flag: invalid syntax', undefined],
    ['--timeout=abc', 'invalid argument "abc" for "--timeout" flag: invalid syntax', undefined],
    ['-t 08', 'invalid argument "08" for "-t, --timeout" flag: invalid syntax', undefined],
    ['--volumes=yes', 'invalid argument "yes" for "--volumes" flag: invalid syntax', undefined],
    ['-v=on', 'invalid argument "on" for "-v, --volumes" flag: invalid syntax', undefined],
    ['-x', "unknown shorthand flag: 'x' in -x", '-x'],
    ['-vx', "unknown shorthand flag: 'x' in -x", '-x'],
    ['--frobnicate', 'unknown flag: --frobnicate', '--frobnicate'],
    ['--vol', 'unknown flag: --vol', '--vol'], // no prefixes in pflag
    ['---v', 'bad flag syntax: ---v', undefined],
    ['--=x', 'bad flag syntax: --=x', undefined],
    ['--file', 'flag needs an argument: --file', undefined],
    ['-f', "flag needs an argument: 'f' in -f", undefined],
  ])('%s is refused', (line, error, unknown) => {
    const r = parse(line);
    expect([r.error, r.unknown]).toEqual([error, unknown]);
  });

  it('stops at the first error: nothing after it is read', () => {
    expect(parse('-x -v').set).toEqual([]);
    expect(parse('-v -x --rmi all').set).toEqual(['volumes=true']);
  });

  it('without interspersed flags, the first positional ends the flags', () => {
    expect(parse('-v svc -t 5', false)).toMatchObject({ set: ['volumes=true'], positionals: ['svc', '-t', '5'] });
    expect(parse('-v svc -t 5', true)).toMatchObject({ set: ['volumes=true', 'timeout=5'], positionals: ['svc'] });
  });

  it('answers -h and --help (and --help=true) as help, not as unknown flags', () => {
    expect(parse('-h').help).toBe(true);
    expect(parse('--help').help).toBe(true);
    // cobra gives every command a bool help flag: it is assigned like any other.
    expect(parse('-vh')).toMatchObject({ help: true, set: ['volumes=true', 'help=true'] });
    expect(parse('-vh=0')).toMatchObject({ help: false, set: ['volumes=true', 'help=0'] });
    const withHelpFlag = parsePflag([...FLAGS, { long: 'help', short: 'h', bool: true }], ['--help=false'], true);
    expect(withHelpFlag.help).toBe(false);
    expect(parsePflag([...FLAGS, { long: 'help', short: 'h', bool: true }], ['--help=1'], true).help).toBe(true);
  });

  it('keeps what follows -- apart', () => {
    const r = parsePflag(FLAGS, ['-v', '--', '-t', 'x'], true);
    expect([r.afterDashDash, r.positionals]).toEqual([['-t', 'x'], ['-t', 'x']]);
  });
});

describe('reading the result', () => {
  const r = parsePflag(FLAGS, ['-v', '--volumes=false', '-f', 'a', '-f', 'b', '--timeout', '3'], true);

  it('lastValue: the last assignment wins; undefined when never given', () => {
    expect(lastValue(r, 'volumes')).toBe('false');
    expect(lastValue(r, 'file')).toBe('b');
    expect(lastValue(r, 'rmi')).toBeUndefined();
  });

  it('allValues: every value of a repeatable flag, in order', () => {
    expect(allValues(r, 'file')).toEqual(['a', 'b']);
    expect(allValues(r, 'rmi')).toEqual([]);
  });

  it('isOn: a bool flag is on only when its last value is true', () => {
    expect(isOn(r, 'volumes')).toBe(false);
    expect(isOn(parsePflag(FLAGS, ['--volumes=false', '-v'], true), 'volumes')).toBe(true);
    expect(isOn(r, 'remove-orphans')).toBe(false);
  });
});

describe('parseGoBool and lookups', () => {
  it.each([
    ['1', true], ['t', true], ['T', true], ['TRUE', true], ['true', true], ['True', true],
    ['0', false], ['f', false], ['F', false], ['FALSE', false], ['false', false], ['False', false],
    ['yes', undefined], ['on', undefined], ['tRUE', undefined], ['', undefined], [' true', undefined],
  ])('%j -> %s', (text, value) => {
    expect(parseGoBool(text)).toBe(value);
  });

  it('finds flags by long name, alias and shorthand', () => {
    expect(findLong(FLAGS, 'volume')?.long).toBe('volumes');
    expect(findLong(FLAGS, 'vol')).toBeUndefined();
    expect(findShort(FLAGS, 't')?.long).toBe('timeout');
    expect(findShort(FLAGS, 'x')).toBeUndefined();
  });
});
