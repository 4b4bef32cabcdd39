// Compose v2's flag sets: the root level, and the subcommands that can destroy volume data.
import { describe, expect, it } from 'vitest';
import { COMPOSE_ROOT_FLAGS, subcommandFlags, SUBCOMMANDS } from '../../src/grammar/compose-v2-flags.js';
import { findLong, findShort, parsePflag, isOn } from '../../src/grammar/pflag.js';

describe('the root flags', () => {
  it.each<[string, boolean]>([
    ['file', false], ['project-name', false], ['project-directory', false], ['env-file', false], ['profile', false],
    ['dry-run', true], ['all-resources', true], ['compatibility', true], ['version', true], ['help', true],
  ])('--%s (bool: %s)', (long, bool) => {
    expect(findLong(COMPOSE_ROOT_FLAGS, long)?.bool === true).toBe(bool);
  });

  it('has one meaning per short letter', () => {
    const shorts = COMPOSE_ROOT_FLAGS.flatMap((f) => (f.short ? [f.short] : []));
    expect(new Set(shorts).size).toBe(shorts.length);
    expect(findShort(COMPOSE_ROOT_FLAGS, 'f')?.long).toBe('file');
    expect(findShort(COMPOSE_ROOT_FLAGS, 'p')?.long).toBe('project-name');
  });
});

describe('subcommandFlags', () => {
  it.each([
    ['down', ['volumes', 'timeout', 'rmi', 'remove-orphans', 'dry-run', 'help']],
    ['rm', ['volumes', 'force', 'stop', 'all']],
    ['up', ['renew-anon-volumes', 'yes', 'detach', 'wait-timeout', 'no-attach']],
    ['create', ['yes', 'pull', 'scale']],
  ])('%s holds its destroying flags and its everyday ones', (sub, longs) => {
    const flags = subcommandFlags(sub);
    for (const long of longs) expect(findLong(flags ?? [], long), long).toBeDefined();
  });

  it.each(['ps', 'logs', 'config', 'frobnicate'])('%s has none: it cannot destroy volume data', (sub) => {
    expect(subcommandFlags(sub)).toBeUndefined();
  });

  it('reads the everyday spellings of each destroying subcommand without an unknown flag', () => {
    const lines: Array<[string, string[]]> = [
      ['down', ['-v', '-t', '5', '--rmi', 'local', '--remove-orphans']],
      ['rm', ['-fsv', 'db']],
      ['up', ['-d', '--build', '--wait', '--scale', 'web=2', '-V', '--pull', 'always']],
      ['create', ['--force-recreate', '-y']],
    ];
    for (const [sub, args] of lines) {
      const parsed = parsePflag(subcommandFlags(sub) ?? [], args, true);
      expect(parsed.unknownFlag, `${sub} ${args.join(' ')}`).toBeUndefined();
      expect(parsed.error).toBeUndefined();
    }
    expect(isOn(parsePflag(subcommandFlags('rm') ?? [], ['-fsv'], true), 'volumes')).toBe(true);
  });
});

describe('SUBCOMMANDS', () => {
  it('names every subcommand that has a flag set, and convert (an alias of config)', () => {
    for (const sub of ['down', 'rm', 'up', 'create', 'convert', 'config']) expect(SUBCOMMANDS.has(sub)).toBe(true);
    expect(SUBCOMMANDS.has('compose')).toBe(false);
  });
});
