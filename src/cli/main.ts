// The process entry of the bundled judge: the only place that reads `process` and exits.
import { hostname, userInfo } from 'node:os';
import { runCli } from './router.js';
import { ttyPrompter } from './prompt.js';

function currentUser(): { name: string; uid: number } {
  try {
    const info = userInfo();
    return { name: info.username, uid: info.uid };
  } catch {
    return { name: process.env.USER ?? 'unknown', uid: process.getuid?.() ?? -1 };
  }
}

void runCli({
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTty: process.stderr.isTTY === true,
  hostname: hostname(),
  user: currentUser(),
  now: () => new Date(),
  prompter: ttyPrompter,
}).then((status) => {
  process.exitCode = status;
});
