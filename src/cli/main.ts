// The process entry of the bundled judge: the only place that reads `process` and exits.
// Output goes out with synchronous writes whose failures are ignored: a closed or broken
// stderr (EPIPE) never changes a verdict. Whatever escapes the commands is one readable line.
// What costs something to find out (the user, the host name, whether stderr is a terminal,
// which loads node:tty) is found out on first use: a judged command that the grammar alone
// lets through uses none of it.
import { writeSync } from 'node:fs';
import { runCli } from './router.js';
import { ttyPrompter } from './prompt.js';
import { EXIT_INTERNAL, EXIT_STOPPED } from './exit-codes.js';
import { messageOf } from '../deadline.js';

function currentUser(): { name: string; uid: number; home?: string } {
  try {
    const info = process.getBuiltinModule('node:os').userInfo();
    return { name: info.username, uid: info.uid, home: info.homedir };
  } catch {
    return { name: process.env.USER ?? 'unknown', uid: process.getuid?.() ?? -1 };
  }
}

/** Writes all of `text` to `fd`; a full pipe is waited on briefly, a closed or broken one ignored. */
function writeAll(fd: number, text: string): void {
  let bytes = Buffer.from(text);
  for (let waits = 0; bytes.length > 0 && waits < 2000;) {
    try {
      bytes = bytes.subarray(writeSync(fd, bytes));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') return;
      waits += 1;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}

const shim = process.argv[2] === 'shim';

function internalError(error: unknown): never {
  const what = shim ? 'stopped: internal error' : 'internal error';
  writeAll(2, `compose-guard: ${what} (${messageOf(error)})${shim ? '; the command was not judged, so it does not run' : ''}\n`);
  // Exit at once: a pending engine request must not hold the verdict back.
  process.exit(shim ? EXIT_STOPPED : EXIT_INTERNAL);
}

process.on('uncaughtException', internalError);
process.on('unhandledRejection', internalError);

let stderrIsTty: boolean | undefined;
let host: string | undefined;
let user: { name: string; uid: number } | undefined;

runCli({
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.cwd(),
  stdout: (text) => writeAll(1, text),
  stderr: (text) => writeAll(2, text),
  get stderrIsTty() {
    return (stderrIsTty ??= process.getBuiltinModule('node:tty').isatty(2));
  },
  get hostname() {
    return (host ??= process.getBuiltinModule('node:os').hostname());
  },
  get user() {
    return (user ??= currentUser());
  },
  now: () => new Date(),
  prompter: ttyPrompter,
  verdict: (text) => writeAll(3, text),
  untilStopped: () => new Promise((resolve) => {
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(signal, () => resolve(signal));
  }),
  installDir: __dirname,
}).then((status) => process.exit(status), internalError);
