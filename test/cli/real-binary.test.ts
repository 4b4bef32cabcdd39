// Finding the real program behind a shim, in real folders on a PATH.
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPOSE_V1_TOC, writePyInstallerBinary } from '../helpers/pyinstaller.js';
import { composeGeneration, explicitRealProblem, findRealBinary, firstOnPath, isExecutableFile, isShim, overrideVariable, SHIM_FOLDER_MARKER, SHIM_MARKER } from '../../src/cli/real-binary.js';

const root = () => mkdtempSync(path.join(tmpdir(), 'cg-real-binary-'));
function program(dir: string, name: string, text = '#!/bin/sh\nexit 0\n', mode = 0o755): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, text);
  chmodSync(file, mode);
  return file;
}
const shimText = `#!/bin/sh\n# ${SHIM_MARKER}\nexec compose-guard shim docker "$@"\n`;

describe('overrideVariable', () => {
  it('names the variable for each tool', () => {
    expect(overrideVariable('docker')).toBe('COMPOSE_GUARD_REAL_DOCKER');
    expect(overrideVariable('docker-compose')).toBe('COMPOSE_GUARD_REAL_DOCKER_COMPOSE');
  });
});

describe('isShim and isExecutableFile', () => {
  it('knows a shim by its marker line or by the marker file of its folder', () => {
    const r = root();
    expect(isShim(program(path.join(r, 'a'), 'docker', shimText))).toBe(true);
    const marked = path.join(r, 'b');
    const plain = program(marked, 'docker');
    expect(isShim(plain)).toBe(false);
    writeFileSync(path.join(marked, SHIM_FOLDER_MARKER), '');
    expect(isShim(plain)).toBe(true);
    expect(isShim(path.join(r, 'missing'))).toBe(false);
  });

  it('reads only the first bytes for the marker', () => {
    const r = root();
    expect(isShim(program(r, 'big', `#!/bin/sh\n${'#'.repeat(300)}\n# ${SHIM_MARKER}\n`))).toBe(false);
  });

  it('wants a regular file with an execute bit', () => {
    const r = root();
    expect(isExecutableFile(program(r, 'x'))).toBe(true);
    expect(isExecutableFile(program(r, 'y', 'data', 0o644))).toBe(false);
    expect(isExecutableFile(r)).toBe(false);
    expect(isExecutableFile(path.join(r, 'none'))).toBe(false);
  });
});

describe('findRealBinary', () => {
  it('skips shims on PATH, however they are reached, and takes the next real program', () => {
    const r = root();
    const shim = program(path.join(r, 'shims'), 'docker', shimText);
    mkdirSync(path.join(r, 'link'));
    symlinkSync(shim, path.join(r, 'link', 'docker'));
    program(path.join(r, 'nonexec'), 'docker', 'x', 0o644);
    const real = program(path.join(r, 'bin'), 'docker');
    const PATH = [path.join(r, 'shims'), path.join(r, 'link'), '', path.join(r, 'nonexec'), path.join(r, 'bin')].join(':');
    expect(findRealBinary('docker', { PATH })).toBe(real);
    expect(firstOnPath('docker', PATH)).toBe(shim);
  });

  it('finds nothing when there are only shims', () => {
    const r = root();
    program(path.join(r, 'shims'), 'docker', shimText);
    expect(findRealBinary('docker', { PATH: `${path.join(r, 'shims')}:${path.join(r, 'shims')}` })).toBeUndefined();
    expect(findRealBinary('docker', {})).toBeUndefined();
  });

  it('takes COMPOSE_GUARD_REAL_* when it names a real program, and nothing else when it does not', () => {
    const r = root();
    const real = program(path.join(r, 'opt'), 'docker');
    const onPath = program(path.join(r, 'bin'), 'docker');
    const PATH = path.join(r, 'bin');
    expect(findRealBinary('docker', { PATH, COMPOSE_GUARD_REAL_DOCKER: real })).toBe(real);
    expect(findRealBinary('docker', { PATH, COMPOSE_GUARD_REAL_DOCKER: 'docker' })).toBeUndefined();
    expect(findRealBinary('docker', { PATH })).toBe(onPath);
  });
});

describe('explicitRealProblem', () => {
  it.each<[string, (r: string) => string | undefined, RegExp | undefined]>([
    ['not set', () => undefined, undefined],
    ['a real program', (r) => program(r, 'docker'), undefined],
    ['a relative path', () => 'bin/docker', /is not an absolute path$/],
    ['not executable', (r) => program(r, 'docker', 'x', 0o644), /which is not an executable file$/],
    ['missing', (r) => path.join(r, 'gone'), /which is not an executable file$/],
    ['a shim', (r) => program(r, 'docker', shimText), /names a compose-guard shim, not the real docker$/],
    ['a symlink to a shim', (r) => { const s = program(path.join(r, 's'), 'docker', shimText); symlinkSync(s, path.join(r, 'l')); return path.join(r, 'l'); }, /names a compose-guard shim/],
  ])('%s', (_, make, problem) => {
    const value = make(root());
    const found = explicitRealProblem('docker', value === undefined ? {} : { COMPOSE_GUARD_REAL_DOCKER: value });
    if (problem) expect(found).toMatch(problem);
    else expect(found).toBeUndefined();
  });
});

describe('composeGeneration', () => {
  it('tells v1\'s Python script, unknown programs and no program apart', () => {
    const r = root();
    expect(composeGeneration(undefined)).toBe('unknown');
    expect(composeGeneration(program(r, 'v1', '#!/usr/bin/python3\n# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom compose.cli.main import main\n'))).toBe('v1');
    expect(composeGeneration(program(r, 'wrapper', '#!/bin/sh\nexec docker compose "$@"\n'))).toBe('unknown');
    expect(composeGeneration(path.join(r, 'missing'))).toBe('unknown');
  });

  it('takes a native program for v2 and a PyInstaller-built one for v1', () => {
    const r = root();
    copyFileSync('/bin/true', path.join(r, 'native'));
    expect(composeGeneration(path.join(r, 'native'))).toBe('v2');
    writePyInstallerBinary(path.join(r, 'frozen'), '/bin/true', COMPOSE_V1_TOC);
    expect(composeGeneration(path.join(r, 'frozen'))).toBe('v1');
  });
});
