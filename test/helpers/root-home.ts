// Root keeps its permits and fallback audit in its own home (from the password database, not
// HOME). Tests that run compose-guard as root give it a home of its own: a mount namespace with
// a temporary folder bound over /root, so the machine's /root is never written.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const IS_ROOT = process.getuid?.() === 0;

export function tempRootHome(): string {
  return mkdtempSync(path.join(tmpdir(), 'cg-root-home-'));
}

/** argv run with `rootHome` as /root when the tests run as root; unchanged otherwise. */
export function withRootHome(argv: readonly string[], rootHome: string): string[] {
  if (!IS_ROOT) return [...argv];
  return ['unshare', '-m', 'sh', '-c', 'mount --bind "$0" /root && exec "$@"', rootHome, ...argv];
}
