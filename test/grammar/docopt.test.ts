// docopt 0.6 as Compose v1 (1.29.2) uses it: unique prefixes of long options, bool options
// without values, and any usage error refusing the whole command line.
import { describe, expect, it } from 'vitest';
import { parseDocopt } from '../../src/grammar/docopt.js';
import type { FlagSet } from '../../src/grammar/pflag.js';

const DOWN: FlagSet = [
  { long: 'volumes', short: 'v', bool: true },
  { long: 'remove-orphans', bool: true },
  { long: 'rmi' },
  { long: 'timeout', short: 't' },
];
const TOP: FlagSet = [
  { long: 'file', short: 'f' },
  { long: 'project-name', short: 'p' },
  { long: 'project-directory' },
  { long: 'verbose', bool: true },
  { long: 'version', bool: true },
];

function parse(options: FlagSet, line: string, optionsFirst = false) {
  const r = parseDocopt(options, line === '' ? [] : line.split(' '), optionsFirst);
  return { values: Object.fromEntries(r.values), positionals: r.positionals, error: r.error, help: r.help, version: r.version };
}

describe('parseDocopt', () => {
  it.each([
    // [options, tokens, values, positionals]
    [DOWN, '-v', { volumes: ['true'] }, []],
    [DOWN, '--volumes', { volumes: ['true'] }, []],
    [DOWN, '--vol', { volumes: ['true'] }, []], // a unique prefix
    [DOWN, '--v', { volumes: ['true'] }, []],
    [DOWN, '--rem', { 'remove-orphans': ['true'] }, []],
    [DOWN, '-vt 5', { volumes: ['true'], timeout: ['5'] }, []],
    [DOWN, '-t5 -v', { timeout: ['5'], volumes: ['true'] }, []],
    [DOWN, '-tv', { timeout: ['v'] }, []], // docopt takes the rest of the cluster as the value
    [DOWN, '--rmi=all', { rmi: ['all'] }, []],
    [DOWN, '--rmi local', { rmi: ['local'] }, []],
    [DOWN, '--timeout -v', { timeout: ['-v'] }, []],
    [DOWN, 'svc -v other', { volumes: ['true'] }, ['svc', 'other']],
    [DOWN, '-- -v', {}, ['-v']],
    [DOWN, '-', {}, ['-']],
    [TOP, '-f a.yml --file=b.yml -p x', { file: ['a.yml', 'b.yml'], 'project-name': ['x'] }, []],
    [TOP, '--project-d /srv down -v', { 'project-directory': ['/srv'] }, ['down', '-v']],
    [TOP, '--project-n x down', { 'project-name': ['x'] }, ['down']],
  ] as const)('%#: %s', (options, line, values, positionals) => {
    const r = parse(options, line, options === TOP);
    expect(r.error).toBeUndefined();
    expect([r.values, r.positionals]).toEqual([values, positionals]);
  });

  it.each([
    [DOWN, '--volumes=true', '--volumes must not have an argument'],
    [DOWN, '--r', '--r is not a unique prefix'], // remove-orphans or rmi
    [DOWN, '--frob', '--frob is not recognized'],
    [DOWN, '-x', '-x is not recognized'],
    [DOWN, '-vx', '-x is not recognized'],
    [DOWN, '--rmi', '--rmi requires argument'],
    [DOWN, '-t', '-t requires argument'],
    [TOP, '--project', '--project is not a unique prefix'],
  ] as const)('%#: %s is refused', (options, line, error) => {
    expect(parse(options, line).error).toBe(error);
  });

  it('keeps what it read before an error', () => {
    expect(parse(DOWN, '-v --frob')).toMatchObject({ values: { volumes: ['true'] }, error: '--frob is not recognized' });
  });

  it('options first: the first positional ends the options', () => {
    expect(parse(TOP, '-p x down -v --verbose', true)).toMatchObject({ values: { 'project-name': ['x'] }, positionals: ['down', '-v', '--verbose'] });
    expect(parse(DOWN, 'svc -v', false)).toMatchObject({ values: { volumes: ['true'] }, positionals: ['svc'] });
  });

  it('knows -h/--help everywhere, and --version where the options have it', () => {
    expect(parse(DOWN, '-h').help).toBe(true);
    expect(parse(DOWN, '--he').help).toBe(true);
    expect(parse(TOP, '--version').version).toBe(true);
    expect(parse(TOP, '--vers').version).toBe(true);
    expect(parse(TOP, '--ver').error).toBe('--ver is not a unique prefix'); // verbose, version
  });
});
