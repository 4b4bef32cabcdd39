// What a route's docker really is: a shim (and then which real program it runs) or the real
// program itself, unguarded; and for a problem, a fix that works on this host: real commands
// with this host's paths.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { findRealBinary, isExecutableFile, isShim } from '../../cli/real-binary.js';
import type { DoctorTool } from './probe.js';

export interface Reach {
  tool: DoctorTool;
  /** What the route finds first (null: nothing). */
  first: string | null;
  shim: boolean;
  /** The real program run in the end (the shim's, or `first` itself). */
  real: string | null;
}

export interface Fixer {
  /** Runs a command as root: bare when doctor runs as root, else through sudo. */
  asRoot(command: string): string;
  /** The command that installs for the whole host (install.sh --system of this installation). */
  installSystem: string;
  /** The Debian package owning a file, if any. */
  owner(file: string): Promise<string | undefined>;
}

/** The real program a shim runs: the one it was installed with (diverted), else the next on PATH. */
export function shimTarget(shim: string, tool: DoctorTool, routePath: string): string | null {
  let text = '';
  try {
    text = readFileSync(shim, 'latin1').slice(0, 4096);
  } catch {
    return null;
  }
  const diverted = text.match(/^guard_real='([^']*)'/m)?.[1];
  if (diverted && isExecutableFile(diverted)) return diverted;
  return findRealBinary(tool, { PATH: routePath }) ?? null;
}

export function reach(tool: DoctorTool, first: string | null, routePath: string): Reach {
  if (!first) return { tool, first, shim: false, real: null };
  const shim = isShim(first);
  return { tool, first, shim, real: shim ? shimTarget(first, tool, routePath) : first };
}

export async function dpkgOwner(file: string): Promise<string | undefined> {
  const result = await execa('dpkg-query', ['-S', file], { reject: false, timeout: 5000 }).catch(() => undefined);
  if (result?.exitCode !== 0) return undefined;
  // `PACKAGE: FILE`, after any `diversion by PACKAGE from/to: FILE` lines (a diverted file).
  const owning = String(result.stdout).split('\n').find((line) => !line.startsWith('diversion by ') && line.includes(': '));
  return owning?.split(': ')[0];
}

const PACKAGE: Record<DoctorTool, string> = { docker: 'docker.io', 'docker-compose': 'docker-compose' };

export interface Fix {
  /** What to run (as shown: with sudo when doctor is not root). */
  fix: string;
  /** Why it works, in a few words. */
  why?: string;
}

/** The fix for a route whose `tool` reaches `file`, a real program, unguarded. */
export async function fixUnguarded(route: string, tool: DoctorTool, file: string, fixer: Fixer, homes: string[]): Promise<Fix> {
  const dir = path.dirname(file);
  const home = homes.find((h) => h !== '/' && file.startsWith(`${h}/`));
  if (home) return { fix: `mv ${file} ${file}.unguarded`, why: `as its owner; ${file} comes before the guarded ${tool}` };
  if (dir === '/usr/bin' || dir === '/bin') {
    const owner = await fixer.owner(file);
    if (owner) return { fix: fixer.asRoot(fixer.installSystem), why: `diverts ${file} of package ${owner} and puts the shim there` };
    const reinstall = `${fixer.asRoot(`apt-get install --reinstall ${PACKAGE[tool]}`)} && ${fixer.asRoot(fixer.installSystem)}`;
    if (route.startsWith('cron')) return { fix: reinstall, why: `${file} belongs to no package, so it cannot be diverted; Debian's replaces it (or put PATH=/usr/local/bin:/usr/bin:/bin first in every crontab)` };
    if (route.endsWith('by path')) return { fix: reinstall, why: `${file} belongs to no package, so it cannot be diverted; Debian's replaces it` };
    return { fix: fixer.asRoot(fixer.installSystem), why: 'puts the shim in /usr/local/bin, ahead of /usr/bin' };
  }
  const usrBin = `/usr/bin/${tool}`;
  const aside = isExecutableFile(usrBin) ? `rm ${file}` : `mv ${file} ${usrBin}`;
  return { fix: `${fixer.asRoot(aside)} && ${fixer.asRoot(fixer.installSystem)}`, why: `${file} belongs to no package and comes before every shim` };
}
