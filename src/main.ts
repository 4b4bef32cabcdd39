// The process entry of the bundled judge: the only place that reads `process` and exits.
import { runCli } from './cli.js';

const status = await runCli({
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTty: process.stderr.isTTY === true,
});
process.exitCode = status;
