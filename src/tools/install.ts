// `compose-guard install [--system | --prefix DIR] [--uninstall [--purge]]`: places the shims from
// the installation this command runs from (an npm package, the .deb, an install tree), with the
// same install.sh a source tree uses, so a host needs no clone of the project.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { CliIo } from '../cli/io.js';
import { EXIT_INTERNAL, EXIT_PROBLEM } from '../cli/exit-codes.js';
import { installRoot } from './doctor.js';

export interface InstallOptions {
  system?: boolean;
  prefix?: string;
  uninstall?: boolean;
  purge?: boolean;
}

export function installArgs(o: InstallOptions): string[] {
  return [...(o.system ? ['--system'] : []), ...(o.prefix ? ['--prefix', o.prefix] : []), ...(o.uninstall ? ['--uninstall'] : []), ...(o.purge ? ['--purge'] : [])];
}

export async function installCommand(io: CliIo, options: InstallOptions): Promise<number> {
  const root = installRoot(io.installDir);
  if (!root) {
    io.stderr(`compose-guard: install: no install.sh beside this compose-guard (${io.installDir ?? 'unknown location'}); install the npm package or the .deb\n`);
    return EXIT_PROBLEM;
  }
  const result = spawnSync('/bin/sh', [path.join(root, 'install.sh'), ...installArgs(options)], {
    env: io.env as NodeJS.ProcessEnv,
    cwd: io.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 600_000,
  });
  io.stdout(result.stdout ?? '');
  io.stderr(result.stderr ?? '');
  if (result.error) {
    io.stderr(`compose-guard: install: ${result.error.message}\n`);
    return EXIT_INTERNAL;
  }
  return result.status ?? EXIT_INTERNAL;
}
