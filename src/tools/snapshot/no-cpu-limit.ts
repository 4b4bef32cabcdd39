// A snapshot is long, legitimate work run from the judge, which the shim starts under a soft CPU
// limit (`ulimit -S -t`) so that a judge stuck in a loop ends. The copy's own programs lift that
// soft limit for themselves (up to the hard limit, which the shim leaves alone).

/** argv for spawn: the program run through sh with the soft CPU limit lifted. */
export function withoutCpuLimit(argv: readonly string[]): [string, string[]] {
  return ['/bin/sh', ['-c', 'ulimit -S -t unlimited 2>/dev/null; exec "$0" "$@"', ...argv]];
}
