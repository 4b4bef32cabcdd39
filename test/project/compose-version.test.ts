// Knowing the Compose version without a process start per judged command: asked once, then
// cached by resolved path, size, mtime and inode in a cache only its owner can write.
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectCompose, parseVersion } from '../../src/project/compose-version.js';
import { versionCacheFile } from '../../src/project/version-cache.js';
import { COMPOSE_V1_TOC, writePyInstallerBinary } from '../helpers/pyinstaller.js';

function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), 'cg-version-'));
  const env = { HOME: path.join(dir, 'home') };
  const binary = path.join(dir, 'docker-compose');
  copyFileSync('/bin/true', binary);
  const asked: string[] = [];
  const ask = (answer: string | undefined) => (file: string) => {
    asked.push(file);
    return answer;
  };
  return { dir, env, binary, asked, ask };
}

describe('which Compose runs', () => {
  it('asks a v2 binary once and answers from the cache afterwards', () => {
    const { env, binary, asked, ask } = setup();
    expect(detectCompose({ binary, plugin: true, env, ask: ask('2.40.3-3\n') })).toEqual({ generation: 'v2', version: '2.40.3', how: 'asked', plugin: true, binary });
    expect(detectCompose({ binary, plugin: true, env, ask: ask('9.9.9') })).toMatchObject({ version: '2.40.3', how: 'cached' });
    expect(asked).toHaveLength(1);
    expect(Object.keys(JSON.parse(readFileSync(versionCacheFile(env), 'utf8')))).toHaveLength(1);
  });

  it('keys the cache by the resolved path, so a symlink to a known binary costs nothing', () => {
    const { dir, env, binary, asked, ask } = setup();
    detectCompose({ binary, plugin: false, env, ask: ask('v2.26.1') });
    const link = path.join(dir, 'link');
    symlinkSync(binary, link);
    expect(detectCompose({ binary: link, plugin: false, env, ask: ask('x') })).toMatchObject({ version: '2.26.1', how: 'cached', binary });
    expect(asked).toHaveLength(1);
  });

  it('asks again when the binary changes (mtime, size or inode)', () => {
    const { env, binary, asked, ask } = setup();
    detectCompose({ binary, plugin: false, env, ask: ask('2.26.1') });
    utimesSync(binary, new Date(), new Date(Date.now() + 5000));
    expect(detectCompose({ binary, plugin: false, env, ask: ask('2.40.3') })).toMatchObject({ version: '2.40.3', how: 'asked' });
    expect(asked).toHaveLength(2);
  });

  it('ignores a cache others can write, and leaves it alone', () => {
    const { env, binary, asked, ask } = setup();
    detectCompose({ binary, plugin: false, env, ask: ask('2.26.1') });
    const file = versionCacheFile(env);
    chmodSync(file, 0o666);
    expect(detectCompose({ binary, plugin: false, env, ask: ask('2.40.3') })).toMatchObject({ version: '2.40.3', how: 'asked' });
    expect(readFileSync(file, 'utf8')).toContain('2.26.1');
    expect(asked).toHaveLength(2);
  });

  it('ignores a cache that is not what it should be', () => {
    const { env, binary, asked, ask } = setup();
    mkdirSync(path.dirname(versionCacheFile(env)), { recursive: true, mode: 0o700 });
    for (const junk of ['not json', '[1,2]', '{"k":"; rm -rf /"}', 'x'.repeat(70_000)]) {
      writeFileSync(versionCacheFile(env), junk, { mode: 0o600 });
      expect(detectCompose({ binary, plugin: false, env, ask: ask('2.40.3') })).toMatchObject({ version: '2.40.3' });
    }
    expect(asked).toHaveLength(4);
  });

  it('does not write the cache when told not to', () => {
    const { env, binary, ask } = setup();
    detectCompose({ binary, plugin: false, env, ask: ask('2.40.3'), remember: false });
    expect(() => readFileSync(versionCacheFile(env))).toThrow();
  });

  it('knows v1 by its bytes: the script without asking, the PyInstaller binary asked once', () => {
    const { dir, env, asked, ask } = setup();
    const script = path.join(dir, 'v1-script');
    writeFileSync(script, '#!/usr/bin/python3\n');
    expect(detectCompose({ binary: script, plugin: false, env, ask: ask('1.29.2') })).toMatchObject({ generation: 'v1', how: 'python-script' });
    expect(asked).toHaveLength(0);
    const frozen = path.join(dir, 'v1-frozen');
    writePyInstallerBinary(frozen, '/bin/true', COMPOSE_V1_TOC);
    expect(detectCompose({ binary: frozen, plugin: false, env, ask: ask('1.29.2') })).toMatchObject({ generation: 'v1', version: '1.29.2', how: 'pyinstaller' });
    expect(detectCompose({ binary: frozen, plugin: false, env, ask: ask(undefined) })).toMatchObject({ generation: 'v1', how: 'cached' });
  });

  it('says unknown when there is no binary, no answer, or a contradictory one', () => {
    const { dir, env, binary, ask } = setup();
    expect(detectCompose({ binary: undefined, plugin: true, env, ask: ask('2.40.3') })).toMatchObject({ generation: 'unknown', how: 'no-binary' });
    expect(detectCompose({ binary: path.join(dir, 'nope'), plugin: true, env, ask: ask('2.40.3') })).toMatchObject({ generation: 'unknown', how: 'no-binary' });
    expect(detectCompose({ binary, plugin: true, env, ask: ask('garbage') })).toMatchObject({ generation: 'unknown', version: null, how: 'no-answer' });
    const other = path.join(dir, 'other');
    copyFileSync('/bin/false', other);
    expect(detectCompose({ binary: other, plugin: true, env, ask: ask('1.29.2') })).toMatchObject({ generation: 'unknown', how: 'not-compose' });
  });

  it.each([['2.40.3-3', '2.40.3'], ['v2.29.7', '2.29.7'], ['5.0.1+ds1', '5.0.1'], ['', null], ['Docker Compose version v2.1.0', null]])('reads %j as %j', (answer, version) => {
    expect(parseVersion(answer)).toBe(version);
  });
});
