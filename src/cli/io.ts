// Everything the CLI needs from the outside world, passed in by the process entry.
import type { Env } from '../host.js';
import type { Prompter } from './prompt.js';

export interface CliIo {
  argv: readonly string[];
  env: Env;
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (for colour). */
  stderrIsTty: boolean;
  hostname: string;
  /** Who runs it; `home` from the password database (root's permits and audit live there, whatever HOME says). */
  user: { name: string; uid: number; home?: string };
  now: () => Date;
  prompter: Prompter;
  /** The folder holding the running judge bundle (doctor and install find their installation by it). */
  installDir?: string;
  /** The shim's verdict channel (file descriptor 3), when the shim opened one. */
  verdict?: (text: string) => void;
  /** Resolves with the signal's name when the process is asked to stop (long-running commands). */
  untilStopped?: () => Promise<string>;
}

export function colorEnabled(io: Pick<CliIo, 'env' | 'stderrIsTty'>): boolean {
  if (io.env.NO_COLOR) return false;
  return Boolean(io.env.FORCE_COLOR) || io.stderrIsTty;
}

/**
 * The same io with another environment. Fields the process entry finds out on first use (the
 * user, whether stderr is a terminal) stay that way: a spread would find them all out now.
 */
export function withEnv(io: CliIo, env: CliIo['env']): CliIo {
  return Object.defineProperties({}, { ...Object.getOwnPropertyDescriptors(io), env: { value: env, enumerable: true } }) as CliIo;
}
