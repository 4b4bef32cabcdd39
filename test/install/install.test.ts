// ./install.sh as a user runs it: idempotent, never overwrites a real docker, warns about PATH,
// uninstalls only what is its own.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/install.js';

const script = path.join(repoRoot, 'install.sh');

function run(args: string[], PATH = '/usr/local/bin:/usr/bin:/bin') {
  return spawnSync(script, args, { env: { ...process.env, PATH: `${PATH}:${path.dirname(process.execPath)}` }, encoding: 'utf8' });
}

describe('install.sh', () => {
  it('installs shims, the command and the judge; a second run changes nothing', () => {
    const prefix = mkdtempSync(path.join(tmpdir(), 'cg-inst-'));
    const first = run(['--prefix', prefix]);
    expect(first.status).toBe(0);
    for (const f of ['bin/docker', 'bin/docker-compose', 'bin/compose-guard', 'bin/.compose-guard-shims', 'lib/compose-guard/judge.cjs', 'lib/compose-guard/judge-loader.cjs', 'lib/compose-guard/judge.cjs.cache', 'lib/compose-guard/commands.cjs', 'lib/compose-guard/commands.cjs.cache', 'lib/compose-guard/tools.cjs', 'lib/compose-guard/tools.cjs.cache']) {
      expect(existsSync(path.join(prefix, f)), f).toBe(true);
    }
    const before = readFileSync(path.join(prefix, 'bin/docker'), 'utf8');
    expect(run([`--prefix=${prefix}`]).status).toBe(0);
    expect(readFileSync(path.join(prefix, 'bin/docker'), 'utf8')).toBe(before);
    expect(before).toContain(`guard_lib='${prefix}/lib/compose-guard'`);
  });

  it('installs the man page and the bash and zsh completions, and uninstalls them', () => {
    const prefix = mkdtempSync(path.join(tmpdir(), 'cg-inst-'));
    expect(run(['--prefix', prefix]).status).toBe(0);
    const man = path.join(prefix, 'share/man/man1/compose-guard.1');
    expect(readFileSync(man, 'utf8')).toMatch(/^\.TH COMPOSE\\-GUARD 1/);
    const page = spawnSync('man', ['-P', 'cat', 'compose-guard'], { env: { ...process.env, MANPATH: path.join(prefix, 'share/man'), MANWIDTH: '120' }, encoding: 'utf8' });
    expect(page.stdout.replace(/.\x08/g, '')).toMatch(/allow-once/);
    expect(readFileSync(path.join(prefix, 'share/bash-completion/completions/compose-guard'), 'utf8')).toContain('complete -o default -F _compose_guard compose-guard');
    expect(readFileSync(path.join(prefix, 'share/zsh/site-functions/_compose-guard'), 'utf8')).toMatch(/^#compdef compose-guard/);
    expect(run(['--uninstall', '--prefix', prefix]).status).toBe(0);
    expect(existsSync(man)).toBe(false);
    expect(existsSync(path.join(prefix, 'share/zsh/site-functions/_compose-guard'))).toBe(false);
  });

  it('tells the user when its folder is not ahead of the real binaries, and is quiet when it is', () => {
    const prefix = mkdtempSync(path.join(tmpdir(), 'cg-inst-'));
    const fakeReal = mkdtempSync(path.join(tmpdir(), 'cg-real-'));
    writeFileSync(path.join(fakeReal, 'docker'), '#!/bin/sh\n');
    chmodSync(path.join(fakeReal, 'docker'), 0o755);
    expect(run(['--prefix', prefix], `${fakeReal}:/usr/bin:/bin`).stdout).toMatch(/is not ahead of .*docker on PATH/);
    expect(run(['--prefix', prefix], `${prefix}/bin:${fakeReal}:/usr/bin:/bin`).stdout).not.toMatch(/not ahead/);
  });

  it('refuses to overwrite a docker that is not its own', () => {
    const prefix = mkdtempSync(path.join(tmpdir(), 'cg-inst-'));
    mkdirSync(path.join(prefix, 'bin'));
    writeFileSync(path.join(prefix, 'bin/docker'), '\x7fELF real docker');
    const result = run(['--prefix', prefix]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/is not a compose-guard shim .*refusing to overwrite/);
    expect(readFileSync(path.join(prefix, 'bin/docker'), 'utf8')).toBe('\x7fELF real docker');
    expect(existsSync(path.join(prefix, 'bin/docker-compose'))).toBe(false);
  });

  it('uninstalls its own files and nothing else', () => {
    const prefix = mkdtempSync(path.join(tmpdir(), 'cg-inst-'));
    expect(run(['--prefix', prefix]).status).toBe(0);
    writeFileSync(path.join(prefix, 'bin/other'), 'keep');
    expect(run(['--uninstall', '--prefix', prefix]).status).toBe(0);
    for (const f of ['bin/docker', 'bin/docker-compose', 'bin/compose-guard', 'bin/.compose-guard-shims', 'lib/compose-guard']) {
      expect(existsSync(path.join(prefix, f)), f).toBe(false);
    }
    expect(readFileSync(path.join(prefix, 'bin/other'), 'utf8')).toBe('keep');
  });

  it('refuses a prefix its shims could not quote', () => {
    const result = run(['--prefix', path.join(tmpdir(), "it's")]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/the prefix must not contain/);
  });

  it('rejects unknown options', () => {
    const result = run(['--bogus']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/unknown option --bogus/);
  });

  it('installs a compose-guard command that runs the judge', () => {
    const prefix = mkdtempSync(path.join(tmpdir(), 'cg-inst-'));
    run(['--prefix', prefix]);
    const out = execFileSync(path.join(prefix, 'bin/compose-guard'), ['--version'], { encoding: 'utf8' });
    expect(out).toMatch(/^compose-guard \d+\.\d+\.\d+/);
  });
});

describe('generated shims', () => {
  it('match their template', () => {
    expect(spawnSync(process.execPath, [path.join(repoRoot, 'scripts/mkshims.mjs'), '--check']).status).toBe(0);
  });
});
