// Asking the person at the terminal through /dev/tty, on a real pseudo-terminal (pty_run.py
// plays the person) and in a session without one.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { onTerminal, withoutTerminal } from '../helpers/cli-process.js';
import { repoRoot } from '../helpers/install.js';

let script: string;

beforeAll(() => {
  // The prompter as a small program: asks once, prints what it got as JSON on stdout.
  const dir = mkdtempSync(path.join(tmpdir(), 'cg-prompt-'));
  const bundle = path.join(dir, 'prompt.cjs');
  buildSync({ entryPoints: [path.join(repoRoot, 'src/cli/prompt.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'silent' });
  script = path.join(dir, 'ask.cjs');
  writeFileSync(script, `const { ttyPrompter } = require(${JSON.stringify(bundle)});
const available = ttyPrompter.available();
const answer = ttyPrompter.ask('Type the project name: ');
process.stdout.write('RESULT' + JSON.stringify({ available, answer: answer === undefined ? null : answer }) + '\\n');
`);
});

function result(stdout: string): { available: boolean; answer: string | null } {
  return JSON.parse(/RESULT(\{.*\})/.exec(stdout)?.[1] ?? 'null');
}

const opts = () => ({ cwd: tmpdir(), env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmpdir() } });

describe('ttyPrompter', () => {
  it('asks on the terminal and returns the line typed, without its line ending', () => {
    const ran = onTerminal([process.execPath, script], [['wait', 'Type the project name: '], ['type', 'shop\r']], opts());
    expect(ran.status).toBe(0);
    expect(result(ran.stdout)).toEqual({ available: true, answer: 'shop' });
  });

  it('keeps spaces, and only the first line', () => {
    const ran = onTerminal([process.execPath, script], [['wait', 'Type the project name: '], ['type', ' my shop \rsecond\r']], opts());
    expect(result(ran.stdout).answer).toBe(' my shop ');
  });

  it('gives no answer on end of input', () => {
    const ran = onTerminal([process.execPath, script], [['wait', 'Type the project name: '], ['eof']], opts());
    expect(result(ran.stdout)).toEqual({ available: true, answer: null });
  });

  it('is not available without a terminal, and never reads stdin instead', () => {
    const ran = withoutTerminal([process.execPath, script], { ...opts(), input: 'shop\n' });
    expect(ran.status).toBe(0);
    expect(result(ran.stdout)).toEqual({ available: false, answer: null });
  });
});
