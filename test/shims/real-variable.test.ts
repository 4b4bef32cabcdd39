// COMPOSE_GUARD_REAL_* never makes a loop: a variable naming a shim (directly, through a
// symlink, or in another folder of shims) is refused at once with a message naming it, and a
// missing program says which variable pointed where. Each case must end in well under a second.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { explicitRealProblem, findRealBinary } from '../../src/cli/real-binary.js';
import { makeFakeBinaries, type FakeBinaries } from '../helpers/fake-binaries.js';
import { installShims, type Installed } from '../helpers/install.js';

let installed: Installed;
let other: Installed;
let fake: FakeBinaries;
let links: string;

beforeAll(() => {
  installed = installShims();
  other = installShims();
  fake = makeFakeBinaries();
  links = mkdtempSync(path.join(tmpdir(), 'cg-links-'));
  symlinkSync(path.join(installed.bin, 'docker'), path.join(links, 'to-this-shim'));
  symlinkSync(path.join(other.bin, 'docker'), path.join(links, 'to-other-shim'));
  symlinkSync(path.join(fake.dir, 'docker'), path.join(links, 'to-real'));
});

function docker(args: string[], real: string) {
  const env = { ...process.env, PATH: `${installed.bin}:${fake.dir}:/usr/bin:/bin`, FAKE_DIR: fake.records, COMPOSE_GUARD_REAL_DOCKER: real };
  return spawnSync('docker', args, { env, encoding: 'utf8', timeout: 10_000 });
}

const SHIM_REFUSED = /(^|\n)compose-guard: COMPOSE_GUARD_REAL_DOCKER=\S+ names a compose-guard shim, not the real docker .*point it at the real docker or unset it\n$/;

describe('COMPOSE_GUARD_REAL_DOCKER', () => {
  const cases: Array<[string, () => string]> = [
    ['this very shim', () => path.join(installed.bin, 'docker')],
    ['a symlink to this shim', () => path.join(links, 'to-this-shim')],
    ['a shim in another folder of shims', () => path.join(other.bin, 'docker')],
    ['a symlink to a shim in another folder', () => path.join(links, 'to-other-shim')],
  ];
  describe.each(cases)('naming %s', (_name, real) => {
    it.each([['ps'], ['volume', 'rm', 'x']])('is refused for docker %s, naming the variable, at once', (...args) => {
      const result = docker(args, real());
      expect(result.error).toBeUndefined();
      expect(result.status).toBe(127);
      expect(result.stderr).toMatch(SHIM_REFUSED);
    });

    it('is refused by the judge and doctor too', () => {
      const env = { COMPOSE_GUARD_REAL_DOCKER: real(), PATH: `${fake.dir}:/usr/bin:/bin` };
      expect(explicitRealProblem('docker', env)).toMatch(/COMPOSE_GUARD_REAL_DOCKER=\S+ names a compose-guard shim/);
      expect(findRealBinary('docker', env)).toBeUndefined();
    });
  });

  it('naming a missing program says which variable pointed where', () => {
    const result = docker(['ps'], '/nonexistent/docker');
    expect(result.status).toBe(127);
    expect(result.stderr).toBe('compose-guard: COMPOSE_GUARD_REAL_DOCKER points to /nonexistent/docker, which is not an executable file; point it at the real docker or unset it\n');
    expect(explicitRealProblem('docker', { COMPOSE_GUARD_REAL_DOCKER: '/nonexistent/docker' })).toBe('COMPOSE_GUARD_REAL_DOCKER points to /nonexistent/docker, which is not an executable file');
  });

  it('naming a relative path is refused (it would be looked up on PATH: the shim again)', () => {
    const result = docker(['ps'], 'docker');
    expect(result.status).toBe(127);
    expect(result.stderr).toMatch(/COMPOSE_GUARD_REAL_DOCKER=docker is not an absolute path/);
  });

  it('naming the real program, or a symlink to it, runs it', () => {
    for (const real of [path.join(fake.dir, 'docker'), path.join(links, 'to-real')]) {
      const result = docker(['ps'], real);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(findRealBinary('docker', { COMPOSE_GUARD_REAL_DOCKER: real })).toBe(real);
    }
  });
});
