// Exit statuses, once: the code uses the constants, and --help, the man page and the README's
// table are rendered from EXIT_STATUSES (a test keeps the README in step).
export const EXIT_GO = 0;
export const EXIT_PROBLEM = 1;
export const EXIT_USAGE = 2;
/** compose-guard's own command failed inside (one line on stderr says what); never a shim's status. */
export const EXIT_INTERNAL = 70;
export const EXIT_STOPPED = 77;
/** The shim's own, in shims/shim.sh.in. */
export const EXIT_NO_REAL_PROGRAM = 127;

export interface ExitStatus {
  status: string;
  meaning: string;
}

export const EXIT_STATUSES: readonly ExitStatus[] = [
  { status: String(EXIT_GO), meaning: 'the command goes ahead; a compose-guard command did its job' },
  { status: String(EXIT_PROBLEM), meaning: 'a compose-guard command found a problem or refused (policy validate, doctor, allow-once, snapshot, restore, status)' },
  { status: String(EXIT_USAGE), meaning: 'compose-guard itself was called wrongly: unknown command or option, missing or bad value' },
  { status: String(EXIT_INTERNAL), meaning: 'a compose-guard command failed inside; one line on stderr says what (never from a shim: there it is 77)' },
  { status: String(EXIT_STOPPED), meaning: 'compose-guard stopped the command (policy, protect, no confirmation, broken policy, a failed snapshot, interrupted)' },
  { status: String(EXIT_NO_REAL_PROGRAM), meaning: 'no real `docker` / `docker-compose` after the shims on `PATH`' },
  { status: 'anything else', meaning: "the real program's own status" },
];

export function exitStatusMarkdown(): string {
  return ['| status | meaning |', '|---|---|', ...EXIT_STATUSES.map((e) => `| ${e.status} | ${e.meaning} |`)].join('\n');
}
