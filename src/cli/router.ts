// The command-line router: compose-guard's own commands. Returns the exit status; only the
// process entry (main.ts) exits.
import type { CliIo } from './io.js';
import { allowOnceCommand } from './commands/allow-once.js';
import { auditCommand } from './commands/audit-command.js';
import { checkCommand } from './commands/check.js';
import { policyValidateCommand } from './commands/policy-validate.js';
import { shimCommand } from './commands/shim.js';
import { loadTools } from './tools.js';
import { EXIT_GO, EXIT_USAGE } from './exit-codes.js';
import { warmUp } from './warm-up.js';

export type { CliIo } from './io.js';

const USAGE = `usage: compose-guard <command>

  check [--json] -- <docker|docker-compose> ARGS...   judge a command line without running it
                                                      (exit 0: it would go ahead, 77: stopped)
  allow-once --reason TEXT [--minutes N] -- CMD...    let exactly this command through once, recorded
  audit [-n N] [--json]                               recent judged commands
  doctor                                              is every route to docker covered, and by what policy
  policy validate [FILE]                              check a policy file without using it
  --version

The shims installed by ./install.sh run the same judge before any command that could destroy
volume data. Exit statuses: 77 stopped, 127 no real program, 2 usage; otherwise the real program's.
`;

export async function runCli(io: CliIo): Promise<number> {
  const [command, ...rest] = io.argv;
  switch (command) {
    case 'shim':
      return shimCommand(io, rest);
    case 'check':
      return checkCommand(io, rest);
    case 'allow-once':
      return allowOnceCommand(io, rest);
    case 'audit':
      return auditCommand(io, rest);
    case 'doctor':
      return (await loadTools()).doctorCommand(io, rest);
    case 'policy':
      if (rest[0] === 'validate') return policyValidateCommand(io, rest.slice(1));
      break;
    case '__warm-up':
      await warmUp();
      return EXIT_GO;
    case '--version':
    case 'version':
      io.stdout('compose-guard 0.1.0\n');
      return EXIT_GO;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.stdout(USAGE);
      return EXIT_GO;
  }
  io.stderr(USAGE);
  return EXIT_USAGE;
}
