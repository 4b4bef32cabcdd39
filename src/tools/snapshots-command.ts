// `compose-guard snapshots [--project P] [--json]`: the snapshots in the store the policy names,
// newest first, each with its latest verification (`verified`: it passed).
import type { CliIo } from '../cli/io.js';
import { EXIT_GO, EXIT_PROBLEM } from '../cli/exit-codes.js';
import type { ParsedArgs } from '../cli/spec/types.js';
import { toolContext } from './context.js';
import { humanAge, humanBytes } from './snapshot/progress.js';
import { newestFirst, type Manifest } from './snapshot/store.js';
import { isVerified, lastVerification } from './snapshot/verification.js';

function verifiedText(m: Manifest, now: number): string {
  const last = lastVerification(m);
  if (!last) return 'NOT verified';
  if (!m.verification) return 'verified when taken';
  return `${last.ok ? 'verified' : 'FAILED verify'} ${humanAge(now - Date.parse(last.time))} ago`;
}

export async function snapshotsCommand(io: CliIo, args: ParsedArgs): Promise<number> {
  const project = typeof args.values.project === 'string' ? args.values.project : undefined;
  const json = args.values.json === true;
  const { store } = toolContext(io);
  let list;
  try {
    list = newestFirst((await store.list()).filter((m) => project === undefined || m.project === project));
  } catch (error) {
    io.stderr(`compose-guard snapshots: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_PROBLEM;
  }
  const rows = list.map((m) => ({
    id: m.id, project: m.project, time: m.time, volumes: m.volumes.map((v) => v.name),
    bytes: m.volumes.reduce((sum, v) => sum + v.bytes, 0), verified: isVerified(m), lastVerification: lastVerification(m),
    command: m.command.join(' '), store: m.store,
  }));
  if (json) {
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
    return EXIT_GO;
  }
  if (rows.length === 0) io.stderr(`compose-guard: no snapshots in ${store.location}\n`);
  const now = io.now().getTime();
  list.forEach((m, i) => {
    const r = rows[i]!;
    io.stdout(`${r.id}  ${humanAge(now - Date.parse(r.time))} ago  ${humanBytes(r.bytes)}  ${verifiedText(m, now)}  ${r.volumes.join(', ')}\n`);
  });
  return EXIT_GO;
}
