// The verdict the shim acts on. Exit status 0 alone proves nothing (an empty, truncated or
// foreign judge exits 0 too), so the shim hands each judgement a fresh token in
// COMPOSE_GUARD_VERDICT and runs the real program only when `go <token>` comes back on file
// descriptor 3 with status 0. Anything else (nothing, another token, a crash) stops the command.
import type { CliIo } from './io.js';
import { EXIT_GO } from './exit-codes.js';

export const VERDICT_VARIABLE = 'COMPOSE_GUARD_VERDICT';

/** A token as the shim makes it: letters, digits, dots and dashes. */
function tokenOf(env: CliIo['env']): string | undefined {
  const token = env[VERDICT_VARIABLE];
  return token && /^[A-Za-z0-9.-]{1,128}$/.test(token) ? token : undefined;
}

/** Answers the shim: `go <token>` for status 0, `stop <token>` (already explained) otherwise. */
export function tellShim(io: CliIo, status: number): void {
  const token = tokenOf(io.env);
  if (token !== undefined) io.verdict?.(`${status === EXIT_GO ? 'go' : 'stop'} ${token}\n`);
}

/** The environment without the token, for anything the judge records or passes on. */
export function withoutToken(env: CliIo['env']): CliIo['env'] {
  if (!(VERDICT_VARIABLE in env)) return env;
  const { [VERDICT_VARIABLE]: _token, ...rest } = env;
  return rest;
}
