// Compose v2's command line read directly: cobra's Traverse, pflag at both levels, the compose
// invocation handed to the resolver, and what it cannot read judged as a doubt.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { needsJudgement } from '../../src/grammar/command.js';
import { analyzeComposeV2, convertStandalone, convertStandaloneMapped, traverse, COMPOSE_ROOT_FLAGS } from '../../src/grammar/compose-v2.js';

/** `docker compose <line>` as v2 reads it. */
function v2(line: string) {
  const tokens = line.split(' ').filter(Boolean);
  return analyzeComposeV2('docker', ['compose', ...tokens], tokens, {});
}

const kinds = (line: string) => v2(line).operations.map((o) => o.kind);

describe('traverse', () => {
  it.each<[string, string | undefined, string[]]>([
    ['down -v', 'down', []],
    ['-f a.yml -p x down', 'down', ['-f', 'a.yml', '-p', 'x']],
    ['--file a.yml down', 'down', ['--file', 'a.yml']],
    ['--file=a.yml down', 'down', ['--file=a.yml']],
    ['--dry-run down', 'down', ['--dry-run']],
    ['-fdown.yml down', 'down', ['-fdown.yml']],
    ['-f down up', 'up', ['-f', 'down']],
    ['convert', 'config', []],
    ['frobnicate down', undefined, []],
    ['-f a.yml', undefined, []],
  ])('%s -> %s', (line, subcommand, rootTokens) => {
    const found = traverse(line.split(' '), COMPOSE_ROOT_FLAGS);
    expect(found?.subcommand).toBe(subcommand);
    if (subcommand) expect(found?.rootTokens).toEqual(rootTokens);
  });

  it('takes an unknown long flag as one that needs a value (it eats the next word)', () => {
    expect(traverse(['--bogus', 'down', 'rm'], COMPOSE_ROOT_FLAGS)?.subcommand).toBe('rm');
  });
});

describe('destroying operations', () => {
  it.each<[string, string[]]>([
    ['down -v', ['compose-down-volumes']],
    ['down --volumes', ['compose-down-volumes']],
    ['down --volume', ['compose-down-volumes']],
    ['down --volumes=true', ['compose-down-volumes']],
    ['down --volumes=false', []],
    ['down -v=0', []],
    ['down -tv 5', []],
    ['down -vt 5', ['compose-down-volumes']],
    ['down', []],
    ['down --rmi all -v', ['compose-down-volumes']],
    ['rm -fsv', ['compose-rm-volumes']],
    ['rm -f app', []],
    ['up -d', []],
    ['up -V', ['compose-up-renew-anon-volumes']],
    ['up --renew-anon-volumes --yes', ['compose-up-renew-anon-volumes', 'compose-up-recreate-volumes']],
    ['create -y', ['compose-up-recreate-volumes']],
    ['create --y', ['compose-up-recreate-volumes']],
    ['-p shop down -v', ['compose-down-volumes']],
    ['-v down -v', ['compose-down-volumes']], // the root's --version does not run when a subcommand does
    ['ps -v', []],
    ['config -v', []],
  ])('%s -> %j', (line, expected) => {
    expect(kinds(line)).toEqual(expected);
  });

  it('names the subcommand in the summary of compose up/create --yes', () => {
    expect(v2('create --yes').operations[0]?.summary).toBe('compose create --yes');
    expect(v2('up --yes').operations[0]?.summary).toBe('compose up --yes');
  });

  it('points each flag site into the whole argv', () => {
    const a = v2('-f a.yml down -t 3 -v');
    expect(a.operations[0]?.sites?.map((s) => s.at)).toEqual([6]);
    expect(a.argv[6]).toBe('-v');
  });
});

describe('what Compose refuses or only prints is harmless, with a note', () => {
  it.each<[string, RegExp]>([
    ['down -v --help', /help only/],
    ['-h down -v', /help only/],
    ['--dry-run down -v', /dry run/],
    ['down -v --dry-run', /dry run/],
    ['down --rmi bogus -v', /invalid value for --rmi/],
    ['down -v --timeout=abc', /Compose refuses/],
    ['-f', /no Compose subcommand/],
    ['', /no Compose subcommand/],
  ])('%s', (line, note) => {
    const a = v2(line);
    expect(a.operations).toEqual([]);
    expect(a.uncertainties).toEqual([]);
    expect(a.notes.join('\n')).toMatch(note);
  });

  it('lets the last --dry-run win across the two levels', () => {
    expect(kinds('--dry-run down -v --dry-run=false')).toEqual(['compose-down-volumes']);
  });
});

describe('an unknown flag on a destroying subcommand is a doubt, on a harmless one a refusal', () => {
  it.each(['down --future-flag -v', 'down --future-flag', 'down -X', '--future-root down -v', 'rm -Z'])('%s is doubtful', (line) => {
    const a = v2(line);
    expect(a.uncertainties.join('\n')).toMatch(/option compose-guard does not know/);
    expect(needsJudgement(a)).toBe(true);
  });

  it.each(['ps --whatever', 'logs --follow-harder'])('%s is not', (line) => {
    expect(needsJudgement(v2(line))).toBe(false);
  });
});

describe('the compose invocation for the resolver', () => {
  it('collects files, name, directory, env files, profiles, services and --all-resources', () => {
    const a = v2('-f a.yml --file=b.yml -p shop --project-directory /srv --env-file one.env --env-file two.env --profile x --all-resources down -v db web');
    expect(a.compose).toEqual({
      generation: 'v2', subcommand: 'down', files: ['a.yml', 'b.yml'], projectName: 'shop', projectDirectory: '/srv',
      envFiles: ['one.env', 'two.env'], profiles: ['x'], services: ['db', 'web'], allResources: true, subcommandAt: 15,
    });
    expect(a.argv[15]).toBe('down');
  });

  it('takes --workdir as the project directory when --project-directory is absent', () => {
    expect(v2('--workdir /w down -v').compose?.projectDirectory).toBe('/w');
  });
});

describe('the standalone binary\'s rewrite', () => {
  it.each<[string, string]>([
    ['down -v', 'compose down -v'],
    ['-H tcp://x:2375 -f a.yml down -v', '-H tcp://x:2375 compose -f a.yml down -v'],
    ['--verbose down', '--debug compose down'],
    ['-v', 'compose version'],
    ['-h', 'compose --help'],
    ['--context prod --tls down', '--context prod --tls compose down'],
    // The rewrite stops at the first word that is not a flag: a docker flag after it stays Compose's.
    ['-f a.yml -H tcp://x down', 'compose -f a.yml -H tcp://x down'],
    ['compose down -v', 'compose compose down -v'],
  ])('%s -> %s', (typed, rewritten) => {
    expect(convertStandalone(typed.split(' ')).join(' ')).toBe(rewritten);
  });

  it('maps every rewritten word back to where it was typed (-1 for the inserted `compose`)', () => {
    const typed = ['--tls', '-H', 'unix:///s', '-p', '--dry-run', 'down', '-v'];
    const { argv, from } = convertStandaloneMapped(typed);
    expect(argv).toEqual(['--tls', '-H', 'unix:///s', 'compose', '-p', '--dry-run', 'down', '-v']);
    expect(from).toEqual([0, 1, 2, -1, 3, 4, 5, 6]);
    argv.forEach((word, i) => {
      if ((from[i] as number) >= 0) expect(typed[from[i] as number]).toBe(word);
    });
  });
});

describe('properties', () => {
  const token = fc.oneof(
    fc.constantFrom('down', 'rm', 'up', 'create', 'ps', '-v', '--volumes', '-f', '--file=x', '-p', '--dry-run', '--', '-', '-y', '-V', '--rmi', 'all', '-t', '5', '--help', '=', '-=', '--=x'),
    fc.string({ maxLength: 6 }),
  );

  it('never throws, whatever the tokens', () => {
    fc.assert(fc.property(fc.array(token, { maxLength: 10 }), (tokens) => {
      analyzeComposeV2('docker', ['compose', ...tokens], tokens, {});
    }), { numRuns: 2000 });
  });

  it('an unknown flag anywhere before or after `down -v` never makes it harmless', () => {
    const unknown = fc.stringMatching(/^--[a-z]{3,8}$/).filter((f) => !['--volumes', '--volume', '--timeout', '--rmi', '--help', '--dry-run'].includes(f) && !COMPOSE_ROOT_FLAGS.some((g) => `--${g.long}` === f));
    fc.assert(fc.property(unknown, fc.boolean(), (flag, before) => {
      const tokens = before ? [flag, 'down', '-v'] : ['down', '-v', flag];
      expect(needsJudgement(analyzeComposeV2('docker', ['compose', ...tokens], tokens, {}))).toBe(true);
    }), { numRuns: 300 });
  });
});
