// Installs the shims into a temporary prefix with the real ./install.sh, once per test file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface Installed {
  prefix: string;
  bin: string;
}

export function installShims(): Installed {
  const prefix = mkdtempSync(path.join(tmpdir(), 'cg-prefix-'));
  execFileSync(path.join(repoRoot, 'install.sh'), ['--prefix', prefix], { stdio: 'pipe' });
  return { prefix, bin: path.join(prefix, 'bin') };
}
