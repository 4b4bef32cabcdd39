// The README's exit statuses, the man page and the shell completions all come from the tables
// the code uses: the README must match, the man page must format cleanly, and the completions
// must complete what the table declares.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitStatusMarkdown } from '../../../src/cli/exit-codes.js';
import { ALL_COMMANDS } from '../../../src/cli/spec/commands.js';
import { bashCompletion, zshCompletion } from '../../../src/tools/completion.js';
import { manPage } from '../../../src/tools/man-page.js';
import { repoRoot } from '../../helpers/install.js';

const hasZsh = spawnSync('zsh', ['-c', 'true']).status === 0;

describe('exit statuses', () => {
  it('the README shows the table the code uses', () => {
    expect(readFileSync(path.join(repoRoot, 'README.md'), 'utf8')).toContain(exitStatusMarkdown());
  });
});

describe('man page', () => {
  it('formats without a warning and covers every command, option and exit status', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'cg-man-')), 'compose-guard.1');
    writeFileSync(file, manPage('9.9.9'));
    const result = spawnSync('groff', ['-man', '-Tutf8', '-ww', file], { encoding: 'utf8', env: { ...process.env, MANWIDTH: '200' } });
    expect(result.stderr).toBe('');
    const text = result.stdout.replace(/.\x08/g, '');
    for (const c of ALL_COMMANDS.filter((s) => !s.hidden)) {
      expect(text).toContain(c.name);
      for (const o of c.options) expect(text).toContain(`--${o.long}`);
    }
    expect(text).toMatch(/EXIT STATUS[\s\S]*77[\s\S]*127/);
  });
});

function bashComplete(line: string): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'cg-comp-'));
  writeFileSync(path.join(dir, 'c.bash'), bashCompletion());
  const words = line.split(' ');
  const script = `source ${dir}/c.bash; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _compose_guard; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync('bash', ['-c', script], { encoding: 'utf8', cwd: dir }).split('\n').filter(Boolean);
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
