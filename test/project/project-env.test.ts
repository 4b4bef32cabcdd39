// Which files a compose command reads, and the environment it reads them with.
import { describe, expect, it } from 'vitest';
import type { ComposeInvocation } from '../../src/grammar/command.js';
import { GuardError } from '../../src/errors.js';
import { checkReadable, projectEnvironment, UnresolvableProject } from '../../src/project/project-env.js';
import { rulesFor } from '../../src/project/compose-rules.js';
import { memoryFs } from '../helpers/memory-fs.js';

const fs = memoryFs({
  '/srv/app/compose.yaml': 'services: {}',
  '/srv/app/compose.override.yaml': 'services: {}',
  '/srv/app/.env': 'COMPOSE_FILE=other.yaml\nFROM=app\n',
  '/srv/app/other.yaml': 'services: {}',
  '/srv/up/compose.yaml': 'services: {}',
  '/srv/up/.env': 'FROM=up\n',
  '/srv/up/sub/.env': 'FROM=sub\n',
  '/srv/app/deploy/compose.yml': 'services: {}',
  '/srv/app/deploy/.env': 'FROM=deploy\n',
  '/srv/v1/docker-compose.yml': 'services: {}',
  '/srv/v1/.env': 'FROM=v1\n',
});
const inv = (o: Partial<ComposeInvocation> = {}): ComposeInvocation => ({ generation: 'v2', subcommand: 'down', files: [], envFiles: [], profiles: [], services: [], allResources: false, ...o });
const run = (o: Partial<ComposeInvocation>, cwd: string, env: Record<string, string> = {}, version?: string) =>
  projectEnvironment({ invocation: inv(o), env, cwd, fs, rules: version ? rulesFor(version) : undefined });

describe('projectEnvironment', () => {
  it('-f files, resolved from cwd, with the .env next to the first', () => {
    const p = run({ files: ['deploy/compose.yml'] }, '/srv/app');
    expect(p.files).toEqual(['/srv/app/deploy/compose.yml']);
    expect(p.workingDir).toBe('/srv/app/deploy');
    expect(p.env.FROM).toBe('deploy');
  });

  it('COMPOSE_FILE from the .env of the folder found', () => {
    const p = run({}, '/srv/app');
    expect(p.files).toEqual(['/srv/app/other.yaml']);
    expect(p.env.FROM).toBe('app');
  });

  it('the process environment wins over .env, COMPOSE_FILE included', () => {
    const p = run({}, '/srv/app', { COMPOSE_FILE: 'compose.yaml:compose.override.yaml', FROM: 'shell' });
    expect(p.files).toEqual(['/srv/app/compose.yaml', '/srv/app/compose.override.yaml']);
    expect(p.env.FROM).toBe('shell');
  });

  it('finds the files upward from a subfolder; v2 2.26 reads the project folder\'s .env', () => {
    const p = run({}, '/srv/up/sub', {}, '2.26.1');
    expect(p.files).toEqual(['/srv/up/compose.yaml']);
    expect(p.workingDir).toBe('/srv/up');
    expect(p.env.FROM).toBe('up');
  });

  it('from 2.27.1 the .env of the folder the command starts from comes first', () => {
    expect(run({}, '/srv/up/sub', {}, '2.40.3').env.FROM).toBe('sub');
  });

  it('--project-directory moves the working dir and the .env', () => {
    const p = run({ projectDirectory: 'deploy', files: ['compose.yaml'] }, '/srv/app');
    expect(p.workingDir).toBe('/srv/app/deploy');
    expect(p.env.FROM).toBe('deploy');
  });

  it('v1 reads the .env of cwd and docker-compose.yml', () => {
    const p = run({ generation: 'v1' }, '/srv/v1');
    expect(p.files).toEqual(['/srv/v1/docker-compose.yml']);
    expect(p.env.FROM).toBe('v1');
  });

  it('says when there is no file to read', () => {
    expect(() => run({}, '/nowhere')).toThrow(GuardError);
    expect(() => run({}, '/nowhere')).toThrow('no configuration file provided: not found');
  });

  it.each([['-'], ['/dev/stdin'], ['/dev/fd/63'], ['/proc/self/fd/0'], ['https://example.com/compose.yaml'], ['git@github.com:x/y.git']])('cannot resolve -f %s', (file) => {
    expect(() => run({ files: [file] }, '/srv/app')).toThrow(UnresolvableProject);
  });

  it('cannot resolve a COMPOSE_FILE that is standard input', () => {
    expect(() => run({}, '/srv/app', { COMPOSE_FILE: '/dev/stdin' })).toThrow(UnresolvableProject);
  });
});

describe('checkReadable', () => {
  it('passes ordinary paths', () => {
    expect(() => checkReadable('compose.yaml')).not.toThrow();
    expect(() => checkReadable('fd/0', '/dev')).toThrow(UnresolvableProject);
  });
});
