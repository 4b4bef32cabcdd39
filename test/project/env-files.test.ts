// The environment a compose project is read with: env files under the process environment.
import { describe, expect, it } from 'vitest';
import type { ComposeInvocation } from '../../src/grammar/command.js';
import { GuardError } from '../../src/errors.js';
import { envFilesFor, overlay, readEnvFiles } from '../../src/project/env-files.js';
import { memoryFs } from '../helpers/memory-fs.js';

const fs = memoryFs({
  '/p/.env': 'A=dot\nB=${A}-b\n',
  '/p/one.env': 'A=one\nX=1\n',
  '/p/two.env': 'A=two\nY=${X}${A}\n',
  '/q/.env': 'Q=1\n',
});
const inv = (envFiles: string[] = []): ComposeInvocation => ({ generation: 'v2', subcommand: 'down', files: [], envFiles, profiles: [], services: [], allResources: false });

describe('readEnvFiles', () => {
  it('reads files in order, later ones overriding, each seeing the ones before', () => {
    expect(Object.fromEntries(readEnvFiles(['/p/one.env', '/p/two.env'], {}, fs))).toEqual({ A: 'two', X: '1', Y: '1two' });
  });

  // Checked against Compose 2.26.1 and 2.40.3 (`config`): A=proc in the shell, .env `A=dot`,
  // `B=${A}-b` gives proc-b; with --env-file one.env (A=one) two.env (A=two, Y=${A}), Y is two.
  it('v2 expands from the process environment first, then the file\'s own values, then earlier files\'', () => {
    expect(readEnvFiles(['/p/.env'], { A: 'proc' }, fs).get('B')).toBe('proc-b');
    expect(readEnvFiles(['/p/one.env', '/p/two.env'], { X: 'shell' }, fs).get('Y')).toBe('shelltwo');
  });

  // Checked against Compose 1.29.2: the same .env gives dot-b whatever the shell says.
  it('v1 expands from the file\'s own values first', () => {
    expect(readEnvFiles(['/p/.env'], { A: 'proc' }, fs, 'v1').get('B')).toBe('dot-b');
    expect(readEnvFiles(['/p/.env'], {}, fs, 'v1').get('B')).toBe('dot-b');
  });

  it('names a file that is not there, as Compose does', () => {
    expect(() => readEnvFiles(['/p/missing.env'], {}, fs)).toThrow(GuardError);
    expect(() => readEnvFiles(['/p/missing.env'], {}, fs)).toThrow("couldn't find env file: /p/missing.env");
  });
});

describe('envFilesFor', () => {
  it.each<[string, string[], Record<string, string>, string, string[]]>([
    ['--env-file, resolved from cwd', ['one.env', '/p/two.env'], {}, '/q', ['/p/one.env', '/p/two.env']],
    ['COMPOSE_ENV_FILES when no --env-file', [], { COMPOSE_ENV_FILES: 'one.env,,two.env' }, '/q', ['/p/one.env', '/p/two.env']],
    ['--env-file wins over COMPOSE_ENV_FILES', ['one.env'], { COMPOSE_ENV_FILES: 'two.env' }, '/q', ['/p/one.env']],
    ['the default folder\'s .env', [], {}, '/p', ['/p/.env']],
    ['no .env there', [], {}, '/r', []],
    ['COMPOSE_DISABLE_ENV_FILE=true', [], { COMPOSE_DISABLE_ENV_FILE: 'true' }, '/p', []],
    ['COMPOSE_DISABLE_ENV_FILE=1', [], { COMPOSE_DISABLE_ENV_FILE: '1' }, '/p', []],
    ['COMPOSE_DISABLE_ENV_FILE=false', [], { COMPOSE_DISABLE_ENV_FILE: 'false' }, '/p', ['/p/.env']],
    ['COMPOSE_DISABLE_ENV_FILE=yes (not a Go bool)', [], { COMPOSE_DISABLE_ENV_FILE: 'yes' }, '/p', ['/p/.env']],
  ])('%s', (_, envFiles, env, defaultDir, expected) => {
    expect(envFilesFor(inv(envFiles), env, '/p', defaultDir, fs)).toEqual(expected);
  });
});

describe('overlay', () => {
  it('puts the process environment over the files, skipping undefined values', () => {
    expect(overlay({ A: 'proc', B: undefined }, new Map([['A', 'file'], ['B', 'file'], ['C', 'file']]))).toEqual({ A: 'proc', B: 'file', C: 'file' });
  });
});
