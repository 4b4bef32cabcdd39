// Runs a shell script on a throwaway root (test/helpers/sandbox.sh): /usr, /etc, /var, /root,
// /home and /run are copy-on-write overlays in a private mount namespace, so install --system,
// dpkg-divert and useradd change nothing on this machine.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './install.js';

export interface SandboxRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Why sandboxed tests cannot run here, or undefined when they can. */
export function sandboxUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'not root (a mount namespace needs it)';
  const probe = spawnSync('unshare', ['--mount', 'true'], { encoding: 'utf8' });
  return probe.status === 0 ? undefined : `unshare --mount fails: ${probe.stderr.trim()}`;
}

/** A fresh folder every user can enter (mkdtemp makes 0700 ones). */
export function openTempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

/** Runs `script` (a file, or shell text when it contains a newline) with `args` in a sandbox. */
export function runSandboxed(script: string, args: string[] = [], options: { dockerSocket?: string } = {}): SandboxRun {
  const work = openTempDir('cg-sandbox-');
  let file = script;
  if (script.includes('\n')) {
    file = path.join(work, 'script.sh');
    writeFileSync(file, script);
  }
  // A root shell's environment, not the test's: the routes inside must find only what a host has.
  const env: NodeJS.ProcessEnv = { PATH: `/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:${path.dirname(process.execPath)}`, HOME: '/root', LANG: 'C.UTF-8', DOCKER_SOCKET: options.dockerSocket ?? '' };
  const result = spawnSync(path.join(repoRoot, 'test/helpers/sandbox.sh'), [path.join(work, 'root'), file, ...args], { env, encoding: 'utf8', timeout: 170_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
