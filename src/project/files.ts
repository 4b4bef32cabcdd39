// Which compose files a command reads: `-f`, else COMPOSE_FILE, else the default names found
// searching upward from the project directory (v1 and v2 look for them in different orders).
import path from 'node:path';
import type { ComposeGeneration } from '../grammar/command.js';
import { GuardError } from '../errors.js';
import type { ProjectFs } from '../host.js';

const V2_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
const V2_OVERRIDES = ['compose.override.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'docker-compose.override.yaml'];
const V1_NAMES = ['docker-compose.yml', 'docker-compose.yaml', 'compose.yml', 'compose.yaml'];
const V1_OVERRIDES = ['docker-compose.override.yml', 'docker-compose.override.yaml', 'compose.override.yml', 'compose.override.yaml'];

/** Discovered files, or undefined when no directory up to `/` has one. */
export function discoverFiles(start: string, generation: ComposeGeneration, fs: ProjectFs): string[] | undefined {
  const names = generation === 'v1' ? V1_NAMES : V2_NAMES;
  const overrides = generation === 'v1' ? V1_OVERRIDES : V2_OVERRIDES;
  for (let dir = start; ; dir = path.dirname(dir)) {
    const main = names.map((n) => path.join(dir, n)).find((f) => fs.isFile(f));
    if (main) {
      const found = overrides.map((n) => path.join(dir, n)).filter((f) => fs.isFile(f));
      if (generation === 'v1' && found.length > 1) {
        throw new GuardError('COMPOSE_FILE', `found multiple override files: ${found.join(', ')}`);
      }
      return found.length > 0 ? [main, found[0] as string] : [main];
    }
    if (dir === path.dirname(dir)) return undefined;
  }
}

/** COMPOSE_FILE split on COMPOSE_PATH_SEPARATOR (default `:`). */
export function splitComposeFile(value: string, separator: string | undefined): string[] {
  return value.split(separator || ':').filter(Boolean);
}

/** The caller's standard input, or another of its open files, in disguise (`-f /dev/fd/63`, `/proc/self/fd/0`). */
const CALLER_FD = /^\/(?:dev\/(?:stdin|fd\/\d+)|proc\/(?:self|thread-self|\d+)\/(?:task\/\d+\/)?fd\/\d+)$/;

/** `-f -`, or a path that names one of the caller's open files: what Compose reads there, compose-guard cannot see. */
export function isStdin(file: string, cwd = '/'): boolean {
  return file === '-' || CALLER_FD.test(path.resolve(cwd, file));
}

/** Remote sources (git, OCI) the guard cannot read before Compose fetches them. */
export function isRemote(file: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(file) || /^git@/.test(file);
}
