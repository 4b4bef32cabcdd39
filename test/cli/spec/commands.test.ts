// Every command in the table: --help on stdout with exit 0, and bad arguments exit 2 naming
// the problem, before anything runs.
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/router.js';
import { ALL_COMMANDS } from '../../../src/cli/spec/commands.js';
import { testIo } from '../../helpers/cli-io.js';

async function cli(argv: string[]) {
  const { io, captured } = testIo({ argv, cwd: tmpdir(), env: { ...process.env, DOCKER_HOST: 'unix:///nonexistent.sock' } });
  return { status: await runCli(io), ...captured };
}

describe.each(ALL_COMMANDS.map((c) => [c.name, c] as const))('%s', (name, spec) => {
  const words = name.split(' ');

  it.each([['--help'], ['-h']])('answers %s on stdout with exit 0', async (flag) => {
    const result = await cli([...words, flag]);
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout).toContain(`usage: compose-guard ${name}`);
    for (const o of spec.options) expect(result.stdout).toContain(`--${o.long}`);
  });

  it('answers help NAME the same way', async () => {
    expect((await cli(['help', ...words])).stdout).toBe((await cli([...words, '--help'])).stdout);
  });

  it.skipIf(spec.raw)('exits 2 naming an unknown option', async () => {
    const result = await cli([...words, '--no-such-option']);
    expect(result).toMatchObject({ status: 2, stdout: '' });
    expect(result.stderr).toContain(`compose-guard: ${name}: unknown option --no-such-option`);
    expect(result.stderr).toContain(`See 'compose-guard ${name} --help'.`);
  });
});

// [argv, what stderr must name]
const BAD: Array<[string[], RegExp]> = [
  [['bogus'], /'bogus' is not a compose-guard command\./],
  [['chekc'], /'chekc' is not a compose-guard command \(did you mean check\?\)/],
  [['policy', 'shwo'], /'shwo' is not a compose-guard policy command \(did you mean show\?\)/],
  [['policy'], /usage: compose-guard policy <command>/],
  [['audit', '-n', 'x'], /-n\/--lines must be a whole number from 1 to 1000000 \(not "x"\)/],
  [['audit', '-n', '0'], /-n\/--lines must be a whole number/],
  [['audit', '-n'], /option -n\/--lines needs a value/],
  [['audit', '--decision', 'maybe'], /--decision must be one of allow, block, confirm, allow-once issued \(not "maybe"\)/],
  [['audit', '--since', 'yesterday'], /--since takes a date .* not "yesterday"/],
  [['audit', 'extra'], /unexpected argument "extra"/],
  [['check', 'docker', 'ps'], /unexpected "docker": the command line goes after --/],
  [['check'], /the command line goes after --/],
  [['check', '--', 'ls'], /must start with docker or docker-compose \(not "ls"\)/],
  [['check', '--json=yes', '--', 'docker', 'ps'], /option --json takes no value/],
  [['allow-once', '--minutes', '61', '--', 'docker', 'compose', 'down', '-v'], /--minutes must be a whole number from 1 to 60 \(not "61"\)/],
  [['allow-once', '--reason'], /option --reason needs a value/],
  [['allow-once', '--', 'docker', 'compose', 'down', '-v'], /--reason is required/],
  [['doctor', 'now'], /unexpected argument "now"/],
  [['version', '--', 'x'], /takes no command after --/],
  [['help', 'bogus'], /no help for "bogus"/],
  [['shim', 'ls'], /usage: compose-guard shim/],
];

describe('bad arguments', () => {
  it.each(BAD)('%j exits 2', async (argv, message) => {
    const result = await cli(argv);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});

describe('help and version', () => {
  it('prints the command list with no arguments, --help or help', async () => {
    for (const argv of [[], ['--help'], ['-h'], ['help']]) {
      const result = await cli(argv);
      expect(result.status).toBe(0);
      for (const c of ALL_COMMANDS.filter((s) => !s.hidden)) expect(result.stdout).toContain(c.name);
      expect(result.stdout).not.toContain('__warm-up');
    }
  });

  it('prints the version for --version and version', async () => {
    expect((await cli(['--version'])).stdout).toMatch(/^compose-guard \d+\.\d+\.\d+\n$/);
    expect((await cli(['version'])).stdout).toBe((await cli(['--version'])).stdout);
  });
});
