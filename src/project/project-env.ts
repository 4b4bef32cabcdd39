// Which files a compose command reads and the environment it reads them with (`.env` files,
// COMPOSE_FILE, the project directory), before any file is parsed.
import path from 'node:path';
import { GuardError } from '../errors.js';
import type { Env } from '../host.js';
import { envFilesFor, overlay, readEnvFiles } from './env-files.js';
import { discoverFiles, isRemote, isStdin, splitComposeFile } from './files.js';
import type { LoadInputs } from './load.js';

/** Thrown when the guard cannot know what Compose would read (stdin, a remote file). */
export class UnresolvableProject extends GuardError {
  constructor(message: string) {
    super('PROJECT', message);
  }
}

export interface ProjectEnvironment {
  env: Env;
  files: string[];
  workingDir: string;
}

/**
 * The files a command reads and the environment it reads them with, without parsing them: what
 * Compose knows even when the files then fail to load (its fallback reads COMPOSE_PROJECT_NAME here).
 */
export function projectEnvironment({ invocation: inv, env: processEnv, cwd, fs, rules }: LoadInputs): ProjectEnvironment {
  const generation = inv.generation;
  const projectDirFlag = inv.projectDirectory ? path.resolve(cwd, inv.projectDirectory) : undefined;
  // 2.27.1+: before looking for files, the `.env` of the folder the command starts from (the
  // -f file's, --project-directory, else the current one) is read, under the process environment.
  const startEnv = generation === 'v2' && rules?.cwdDotenvFirst
    ? overlay(processEnv, readEnvFiles(envFilesFor(inv, processEnv, cwd, projectDirFlag ?? (inv.files[0] ? path.dirname(path.resolve(cwd, inv.files[0])) : cwd), fs), processEnv, fs))
    : processEnv;
  const early = inv.files.length > 0 ? inv.files : splitProcessComposeFile(startEnv);
  early?.forEach((f) => checkReadable(f, cwd));
  const discovered = early ? undefined : discoverFiles(projectDirFlag ?? cwd, generation, fs);
  // v2 seeds its environment from the `.env` next to the files it will read; v1 from cwd.
  const dotenvDir = generation === 'v1'
    ? (projectDirFlag ?? cwd)
    : (projectDirFlag ?? (early ? path.dirname(path.resolve(cwd, early[0] as string)) : discovered ? path.dirname(discovered[0] as string) : cwd));
  const envInv = generation === 'v1' ? { ...inv, envFiles: inv.envFiles.slice(-1) } : inv;
  const env = overlay(startEnv, readEnvFiles(envFilesFor(envInv, processEnv, cwd, dotenvDir, fs), startEnv, fs, generation));

  const listed = inv.files.length > 0 ? inv.files : env.COMPOSE_FILE ? splitComposeFile(env.COMPOSE_FILE, env.COMPOSE_PATH_SEPARATOR) : undefined;
  listed?.forEach((f) => checkReadable(f, cwd));
  const files = listed?.map((f) => path.resolve(cwd, f)) ?? discovered ?? discoverFiles(projectDirFlag ?? cwd, generation, fs);
  if (!files || files.length === 0) throw new GuardError('COMPOSE_FILE', 'no configuration file provided: not found');
  return { env, files, workingDir: projectDirFlag ?? path.dirname(files[0] as string) };
}

function splitProcessComposeFile(env: Env): string[] | undefined {
  return env.COMPOSE_FILE ? splitComposeFile(env.COMPOSE_FILE, env.COMPOSE_PATH_SEPARATOR) : undefined;
}

export function checkReadable(file: string, cwd = '/'): void {
  if (isStdin(file, cwd)) throw new UnresolvableProject(`the compose file comes from the caller's standard input or another of its open files (${file}), which compose-guard cannot read`);
  if (isRemote(file)) throw new UnresolvableProject(`the compose file ${file} is remote`);
}

