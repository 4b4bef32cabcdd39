// A CliIo for tests: captured output, a fixed host and clock, a scripted prompter.
import type { CliIo } from '../../src/cli/io.js';
import type { Prompter } from '../../src/cli/prompt.js';

export const noTerminal: Prompter = { available: () => false, ask: () => undefined };

export function answering(...answers: Array<string | undefined>): Prompter & { asked: string[] } {
  const asked: string[] = [];
  return { asked, available: () => true, ask: (q) => { asked.push(q); return answers.shift(); } };
}

export function testIo(overrides: Partial<CliIo> & Pick<CliIo, 'argv' | 'cwd'>) {
  const captured = { stdout: '', stderr: '' };
  const io: CliIo = {
    env: { ...process.env },
    stdout: (t) => { captured.stdout += t; },
    stderr: (t) => { captured.stderr += t; },
    stderrIsTty: false,
    hostname: 'test-host',
    // The real uid (permits must be the caller's own files); root's home is the test's HOME.
    user: { name: 'tester', uid: process.getuid?.() ?? 1000, home: overrides.env?.HOME ?? process.env.HOME },
    now: () => new Date('2026-11-24T12:00:00Z'),
    prompter: noTerminal,
    ...overrides,
  };
  return { io, captured };
}
