// `compose-guard daemon`: runs the Docker authorization plugin until stopped (SIGTERM, SIGINT).
// Its --help comes from the command table (src/cli/spec/commands.ts).
import type { CliIo } from '../cli/io.js';
import { EXIT_GO } from '../cli/exit-codes.js';
import { startDaemon } from '../daemon/plugin/daemon.js';

export async function daemonCommand(io: CliIo): Promise<number> {
  const log = (line: string) => io.stderr(`compose-guard daemon: ${line}\n`);
  let daemon;
  try {
    daemon = await startDaemon({ env: io.env, hostname: io.hostname, now: io.now, log, user: io.user });
  } catch (error) {
    log(`cannot start: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const signal = await (io.untilStopped ?? (() => new Promise<string>(() => undefined)))();
  log(`stopping (${signal})`);
  await daemon.close();
  return EXIT_GO;
}
