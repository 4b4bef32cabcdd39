// Runs commands through installed shims asynchronously (a fake engine in this process must be
// able to answer meanwhile), without a terminal (a new session), with a fake real program that
// leaves a marker and records what it read from `-f` files.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const FAKE_REAL = `#!/bin/sh
# A real program stand-in: leaves a marker, and copies what a -f file holds (a pipe included).
: > "$FAKE_DIR/ran"
while [ $# -gt 0 ]; do
  case $1 in -f) head -c 65536 "$2" > "$FAKE_DIR/seen" 2>/dev/null; shift ;; esac
  shift
done
exit 0
`;

export interface RealStandIn {
  dir: string;
}

export function makeRealStandIn(): RealStandIn {
  const dir = mkdtempSync(path.join(tmpdir(), 'cg-real-'));
  for (const tool of ['docker', 'docker-compose']) {
    writeFileSync(path.join(dir, tool), FAKE_REAL);
    chmodSync(path.join(dir, tool), 0o755);
  }
  return { dir };
}

export interface ShimOutcome {
  status: number | null;
  stderr: string;
  ran: boolean;
  /** What the real program read from its -f file, when it ran. */
  seen?: string;
  ms: number;
}

/** Runs `script` with /bin/sh in a fresh session, FAKE_DIR set to a fresh records folder. */
export function runShell(script: string, env: NodeJS.ProcessEnv, cwd: string, shell = '/bin/sh'): Promise<ShimOutcome> {
  const records = mkdtempSync(path.join(tmpdir(), 'cg-rec-'));
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(shell, ['-c', script], { cwd, env: { ...env, FAKE_DIR: records }, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (status) => {
      const seenFile = path.join(records, 'seen');
      resolve({
        status, stderr, ms: performance.now() - started,
        ran: existsSync(path.join(records, 'ran')),
        seen: existsSync(seenFile) ? readFileSync(seenFile, 'utf8') : undefined,
      });
    });
  });
}

/** Runs `jobs` with at most `limit` at a time. */
export async function pool<T>(jobs: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < jobs.length; i = next++) results[i] = await (jobs[i] as () => Promise<T>)();
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}
