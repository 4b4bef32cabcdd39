// bash and zsh completion from the command table, run in the real shells: they complete what
// the table declares, and nothing after `--` (the guarded command's own words).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_COMMANDS } from '../../src/cli/spec/commands.js';
import { bashCompletion, zshCompletion } from '../../src/tools/completion.js';

const hasZsh = spawnSync('zsh', ['-c', 'true']).status === 0;

function bashComplete(line: string, cwd?: string): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'cg-comp-'));
  writeFileSync(path.join(dir, 'c.bash'), bashCompletion());
  const words = line.split(' ');
  const script = `source ${dir}/c.bash; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _compose_guard; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync('bash', ['-c', script], { encoding: 'utf8', cwd: cwd ?? dir }).split('\n').filter(Boolean);
}

describe('bash completion', () => {
  it('completes commands, subcommands and each command\'s options', () => {
    expect(bashComplete('compose-guard ')).toEqual(expect.arrayContaining(['check', 'allow-once', 'audit', 'doctor', 'policy', 'version', 'help']));
    expect(bashComplete('compose-guard ')).not.toContain('shim');
    expect(bashComplete('compose-guard pol')).toEqual(['policy']);
    expect(bashComplete('compose-guard policy s')).toEqual(['show']);
    expect(bashComplete('compose-guard audit --d')).toEqual(['--decision']);
    expect(bashComplete('compose-guard policy show --')).toEqual(['--json', '--help']);
    expect(bashComplete('compose-guard check -- docker')).toEqual([]);
  });

  it('offers file names where a command takes files, and only there', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cg-comp-files-'));
    writeFileSync(path.join(dir, 'policy-prod.yaml'), '');
    expect(bashComplete('compose-guard policy validate pol', dir)).toEqual(['policy-prod.yaml']);
    expect(bashComplete('compose-guard restore pol', dir)).toEqual([]);
  });
});

/** What the zsh completion offers for `line` (the cursor at its last word): _describe,
 * _values and _arguments stubbed to print the candidates they are given. */
function zshComplete(line: string): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'cg-zcomp-'));
  writeFileSync(path.join(dir, '_compose-guard'), zshCompletion());
  const words = line.split(' ');
  const script = `
_describe() { print -rl -- "\${(@P)2}" | cut -d: -f1 }
_values() { shift; print -rl -- "$@" | sed 's/\\[.*//' }
_arguments() { shift; print -rl -- "$@" | sed -e 's/\\[.*//' -e 's/^([^)]*)//' }
words=(${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length}
source ${dir}/_compose-guard`;
  return execFileSync('zsh', ['-fc', script], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

describe.skipIf(!hasZsh)('zsh completion', () => {
  it('is valid zsh', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cg-zcomp-'));
    writeFileSync(path.join(dir, '_compose-guard'), zshCompletion());
    expect(spawnSync('zsh', ['-n', path.join(dir, '_compose-guard')], { encoding: 'utf8' }).stderr).toBe('');
  });

  it('offers commands, subcommands and each command\'s options', () => {
    const top = ALL_COMMANDS.filter((c) => !c.hidden).map((c) => c.name.split(' ')[0]);
    expect(zshComplete('compose-guard ')).toEqual([...new Set(top)]);
    expect(zshComplete('compose-guard policy ')).toEqual(['show', 'validate']);
    expect(zshComplete('compose-guard policy show --')).toEqual(['--json', '-h', '--help']);
    expect(zshComplete('compose-guard audit -')).toEqual(['-n', '--lines', '--since', '--decision', '--project', '--json', '-h', '--help']);
  });
});
