// compose-guard as a process (the built judge), with or without a terminal: pty_run.py plays
// the person at /dev/tty; `setsid` takes the terminal away.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './install.js';

export const JUDGE = path.join(repoRoot, 'dist/judge.cjs');
const PTY_RUN = path.join(repoRoot, 'test/helpers/pty_run.py');

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `argv` (a full command line) on a pseudo-terminal; stdout holds the whole session. */
export function onTerminal(argv: string[], actions: unknown[], options: { cwd: string; env: NodeJS.ProcessEnv }): Ran {
  const result = spawnSync('python3', [PTY_RUN, JSON.stringify(argv), JSON.stringify(actions)], { ...options, encoding: 'utf8', timeout: 60_000 });
  return { status: Number(/exit=(-?\d+)\s*$/.exec(result.stdout)?.[1] ?? Number.NaN), stdout: result.stdout, stderr: result.stderr };
}

/** Runs `argv` in a new session without a controlling terminal. */
export function withoutTerminal(argv: string[], options: { cwd: string; env: NodeJS.ProcessEnv; input?: string }): Ran {
  const result = spawnSync('setsid', ['-w', ...argv], { ...options, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function guardArgv(...args: string[]): string[] {
  return [process.execPath, JUDGE, ...args];
}
