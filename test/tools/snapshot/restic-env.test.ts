// The environment restic runs with: the command's own, snapshots.environment-file's variables over
// it, the policy's repository and password file last; the caller's RESTIC_* settings that would
// name another repository or password dropped; a bad line or an unreadable file is one clear error.
import { describe, expect, it } from 'vitest';
import { credentialSource, parseEnvironmentFile, resticEnvironment } from '../../../src/tools/snapshot/restic-env.js';

const files: Record<string, string> = {
  '/etc/cg/restic.env': 'AWS_ACCESS_KEY_ID=AKIAFILE\nAWS_SECRET_ACCESS_KEY="from file"\n',
};
const read = (file: string): string => {
  if (file in files) return files[file]!;
  throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
};
const repo = (extra: Partial<{ passwordFile: string; environmentFile: string }> = {}) => ({ url: 's3:https://s3.example/b', options: [], ...extra });

describe('parseEnvironmentFile', () => {
  it.each<[string, Record<string, string>]>([
    ['', {}],
    ['# a comment\n\n  \nA=1\n', { A: '1' }],
    ['export AWS_ACCESS_KEY_ID=AKIA\n', { AWS_ACCESS_KEY_ID: 'AKIA' }],
    ['A="x y"\nB=\'z\'\nC="unclosed\n', { A: 'x y', B: 'z', C: '"unclosed' }],
    ['A=a=b=c\nB=\n', { A: 'a=b=c', B: '' }],
    ['A="$HOME"\n', { A: '$HOME' }],
    ['A=1\r\nB=2\r\n', { A: '1', B: '2' }],
    ['A=1\nA=2\n', { A: '2' }],
  ])('%j', (text, vars) => {
    expect(parseEnvironmentFile(text, '/e')).toEqual(vars);
  });

  it.each<[string, RegExp]>([
    ['A=1\njust words\n', /^\/e:2: expected NAME=value, found "just words"$/],
    ['1A=x\n', /^\/e:1: expected NAME=value/],
    ['=x\n', /^\/e:1: expected NAME=value/],
    ['RESTIC_REPOSITORY=/elsewhere\n', /^\/e:1: RESTIC_REPOSITORY cannot be set here; snapshots\.repository names the repository$/],
    ['export RESTIC_REPOSITORY_FILE=/f\n', /^\/e:1: RESTIC_REPOSITORY_FILE cannot be set here/],
  ])('refuses %j', (text, message) => {
    expect(() => parseEnvironmentFile(text, '/e')).toThrow(message);
  });
});

describe('resticEnvironment', () => {
  const caller = { PATH: '/usr/bin', HOME: '/root', AWS_ACCESS_KEY_ID: 'AKIACALLER', AWS_SECRET_ACCESS_KEY: 'caller', AWS_SESSION_TOKEN: 'tok', AWS_DEFAULT_REGION: 'eu-west-1' };

  it('passes the environment the command runs in, credentials included, and names the repository', () => {
    expect(resticEnvironment(repo({ passwordFile: '/pw' }), caller, read)).toEqual({ ...caller, RESTIC_REPOSITORY: 's3:https://s3.example/b', RESTIC_PASSWORD_FILE: '/pw' });
  });

  it('the environment file wins over the environment for the names it sets', () => {
    const env = resticEnvironment(repo({ environmentFile: '/etc/cg/restic.env' }), caller, read);
    expect(env).toMatchObject({ AWS_ACCESS_KEY_ID: 'AKIAFILE', AWS_SECRET_ACCESS_KEY: 'from file', AWS_SESSION_TOKEN: 'tok', AWS_DEFAULT_REGION: 'eu-west-1', PATH: '/usr/bin' });
  });

  it('drops the caller\'s RESTIC_* that would name another repository or, with a password file, another password', () => {
    const env = resticEnvironment(repo({ passwordFile: '/pw' }), { ...caller, RESTIC_REPOSITORY: '/other', RESTIC_REPOSITORY_FILE: '/f', RESTIC_PASSWORD: 'p', RESTIC_PASSWORD_COMMAND: 'pass x', RESTIC_PACK_SIZE: '32' }, read);
    expect(env).toMatchObject({ RESTIC_REPOSITORY: 's3:https://s3.example/b', RESTIC_PASSWORD_FILE: '/pw', RESTIC_PACK_SIZE: '32' });
    expect(Object.keys(env)).not.toContain('RESTIC_REPOSITORY_FILE');
    expect(Object.keys(env)).not.toContain('RESTIC_PASSWORD');
    expect(Object.keys(env)).not.toContain('RESTIC_PASSWORD_COMMAND');
    expect(resticEnvironment(repo(), { RESTIC_PASSWORD: 'p' }, read)).toMatchObject({ RESTIC_PASSWORD: 'p' });
  });

  it('an environment file that cannot be read is an error naming it', () => {
    expect(() => resticEnvironment(repo({ environmentFile: '/nowhere.env' }), caller, read)).toThrow('snapshots.environment-file /nowhere.env cannot be read: ENOENT');
  });

  it('says where the credentials came from', () => {
    expect(credentialSource(repo())).toBe('the environment');
    expect(credentialSource(repo({ environmentFile: '/e' }))).toBe('the environment and /e');
  });
});
