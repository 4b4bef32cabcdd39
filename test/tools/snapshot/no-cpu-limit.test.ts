// A snapshot's programs lift the shim's soft CPU limit for themselves: run under a soft limit,
// the program sees none (up to the hard limit), and its arguments arrive exactly as given.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { withoutCpuLimit } from '../../../src/tools/snapshot/no-cpu-limit.js';

describe('withoutCpuLimit', () => {
  it('runs the program with the soft CPU limit lifted', () => {
    const [file, args] = withoutCpuLimit(['sh', '-c', 'ulimit -S -t']);
    // The shim's situation: a soft limit of 7 s, the hard limit left alone.
    const limited = spawnSync('sh', ['-c', 'ulimit -S -t 7; ulimit -S -t; exec "$@"', 'sh', file, ...args], { encoding: 'utf8' });
    expect(limited.stdout).toBe('7\nunlimited\n');
  });

  it('keeps the hard limit', () => {
    const [file, args] = withoutCpuLimit(['sh', '-c', 'ulimit -S -t']);
    const hard = spawnSync('sh', ['-c', 'ulimit -t 9; exec "$@"', 'sh', file, ...args], { encoding: 'utf8' });
    expect(hard.stdout).toBe('9\n');
  });

  it('passes arguments with spaces, quotes and dollars through untouched, and the status back', () => {
    const argv = ['sh', '-c', 'printf "[%s]" "$@"; exit 3', 'zero', 'a b', "it's", '$HOME', ''];
    const [file, args] = withoutCpuLimit(argv);
    const run = spawnSync(file, args, { encoding: 'utf8' });
    expect(run.stdout).toBe("[a b][it's][$HOME][]");
    expect(run.status).toBe(3);
  });
});
