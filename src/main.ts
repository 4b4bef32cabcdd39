// The process entry of the bundled judge: the only place that reads `process` and exits.
import { runCli } from './cli.js';

void runCli({
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTty: process.stderr.isTTY === true,
}).then((status) => {
  process.exitCode = status;
});
