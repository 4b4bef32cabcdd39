// compose-guard(1) from the command table: it formats without a warning and covers every
// command, option and exit status; text is escaped so roff takes none of it for a request.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_COMMANDS } from '../../src/cli/spec/commands.js';
import { manPage, roff } from '../../src/tools/man-page.js';

function format(source: string): { stdout: string; stderr: string } {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'cg-man-')), 'compose-guard.1');
  writeFileSync(file, source);
  const result = spawnSync('groff', ['-man', '-Tutf8', '-ww', file], { encoding: 'utf8', env: { ...process.env, MANWIDTH: '200' } });
  return { stdout: result.stdout.replace(/.\x08/g, ''), stderr: result.stderr };
}

describe('man page', () => {
  it('formats without a warning and covers every command, option and exit status', () => {
    const result = format(manPage('9.9.9'));
    expect(result.stderr).toBe('');
    const text = result.stdout;
    for (const c of ALL_COMMANDS.filter((s) => !s.hidden)) {
      expect(text).toContain(c.name);
      for (const o of c.options) expect(text).toContain(`--${o.long}`);
    }
    expect(text).toMatch(/EXIT STATUS[\s\S]*77[\s\S]*127/);
    expect(text).toContain('compose-guard 9.9.9');
  });
});

describe('roff', () => {
  it.each([
    ['down -v', 'down \\-v'],
    ['C:\\path', 'C:\\epath'],
    ['`code`', 'code'],
    ['.TH at the start', '\\&.TH at the start'],
    ["'quoted at the start", "\\&'quoted at the start"],
    ['first\n.second', 'first\n\\&.second'],
    ['a.b', 'a.b'],
  ])('escapes %j', (text, escaped) => {
    expect(roff(text)).toBe(escaped);
  });

  it('prints every line as written, whatever it starts with', () => {
    const lines = ['.SH not a section', "'br not a request", 'back\\slash and -dash'];
    const out = format(`.TH T 1\n${lines.map(roff).join('\n.br\n')}\n`);
    expect(out.stderr).toBe('');
    for (const l of lines) expect(out.stdout.replace(/\u2010|\u2212/g, '-')).toContain(l);
  });
});
