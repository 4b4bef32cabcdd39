// `compose-guard snapshot [-- docker compose ARGS...]`: a snapshot on demand of the volumes that
// command would destroy (by default `docker compose down -v` here: the project's volumes), for
// cron and deploy scripts. Nothing is run or destroyed.
import type { CliIo } from '../cli/io.js';
import { EXIT_GO, EXIT_PROBLEM } from '../cli/exit-codes.js';
import { judgeCommand, toolCommand } from '../cli/commands/judge-command.js';
import type { ParsedArgs } from '../cli/spec/types.js';
import { snapshotPlace } from '../policy/snapshots.js';
import { openStore } from './snapshot/open-store.js';
import { describeTaken, snapshotJudged, volumesOf } from './snapshot/run.js';

export async function snapshotCommand(io: CliIo, args: ParsedArgs): Promise<number> {
  const { tool, argv } = toolCommand(args.command ?? ['docker', 'compose', 'down', '-v']);
  try {
    const j = await judgeCommand(io, tool, argv, { interactive: false });
    if (j.resolution.uncertainties.length > 0) throw new Error(`the volumes cannot be named exactly: ${j.resolution.uncertainties.join('; ')}`);
    if (volumesOf(j).length === 0) throw new Error('that command destroys no volume that exists; nothing to copy');
    const taken = await snapshotJudged(io, j, 'on demand', ['compose-guard', 'snapshot', ...args.raw]);
    io.stderr(describeTaken(taken, openStore(snapshotPlace(j.policy, io.env, io.user.uid), io.env, io.hostname).location));
    io.stdout(`${taken.manifest.id}\n`);
    return EXIT_GO;
  } catch (error) {
    io.stderr(`compose-guard snapshot: failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_PROBLEM;
  }
}
