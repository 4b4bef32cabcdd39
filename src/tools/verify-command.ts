// `compose-guard verify [SNAPSHOT...] [--project NAME] [--minutes N] [--json]`: reads stored
// snapshots back and checks them against their manifests, through either store; a restic
// repository is also checked whole with `restic check --read-data`. Each snapshot's result is
// recorded in its manifest (`snapshots` shows it; pruning keeps the newest that passed). Exit 0
// when everything verifies and is recorded, 1 when anything does not.
import type { CliIo } from '../cli/io.js';
import { EXIT_GO, EXIT_PROBLEM, EXIT_USAGE } from '../cli/exit-codes.js';
import type { ParsedArgs } from '../cli/spec/types.js';
import { toolContext } from './context.js';
import { humanBytes } from './snapshot/progress.js';
import { newestFirst, type Manifest, type StoreCheck } from './snapshot/store.js';
import { recordVerdicts } from './snapshot/verification.js';
import { verifySnapshot, type SnapshotVerdict } from './snapshot/verify.js';

export const DEFAULT_VERIFY_MINUTES = 60;

function chosen(all: Manifest[], wanted: string[], project: string | undefined): Manifest[] | string {
  if (wanted.length === 0) return all.filter((m) => project === undefined || m.project === project);
  const picked: Manifest[] = [];
  for (const w of wanted) {
    const matches = all.filter((m) => m.id === w).length > 0 ? all.filter((m) => m.id === w) : all.filter((m) => m.id.startsWith(w));
    if (matches.length !== 1) return matches.length === 0 ? `no snapshot ${w}` : `${w} names ${matches.length} snapshots; give more of the id`;
    if (!picked.includes(matches[0]!)) picked.push(matches[0]!);
  }
  return picked;
}

export async function verifyCommand(io: CliIo, args: ParsedArgs): Promise<number> {
  const project = typeof args.values.project === 'string' ? args.values.project : undefined;
  const minutes = typeof args.values.minutes === 'number' ? args.values.minutes : DEFAULT_VERIFY_MINUTES;
  const deadline = io.now().getTime() + minutes * 60_000;
  const { store } = toolContext(io);
  let all: Manifest[];
  try {
    all = newestFirst(await store.list());
  } catch (error) {
    io.stderr(`compose-guard verify: the snapshots in ${store.location} cannot be listed: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_PROBLEM;
  }
  const picked = chosen(all, args.operands, project);
  if (typeof picked === 'string') {
    io.stderr(`compose-guard verify: ${picked} in ${store.location}\n`);
    return EXIT_USAGE;
  }
  const signal = AbortSignal.timeout(minutes * 60_000);
  const verdicts: SnapshotVerdict[] = [];
  for (const m of picked) verdicts.push(await verifySnapshot(store, m, signal));
  const left = deadline - io.now().getTime();
  const check: StoreCheck | undefined = left > 0 ? await store.checkStore(left) : (store.kind === 'restic' ? { ok: false, summary: `no time left within ${minutes} min for restic check --read-data` } : undefined);
  const { recorded, failures } = await recordVerdicts(store, picked, verdicts, check, io.now());
  for (const f of failures) io.stderr(`compose-guard verify: ${f}\n`);
  const ok = verdicts.every((v) => v.ok) && (check?.ok ?? true) && failures.length === 0;
  if (args.values.json === true) {
    const snapshots = verdicts.map((v) => ({ ...v, recorded: recorded.has(v.id) }));
    io.stdout(`${JSON.stringify({ store: `${store.kind}:${store.location}`, ok, check: check ?? null, snapshots }, null, 2)}\n`);
    return ok ? EXIT_GO : EXIT_PROBLEM;
  }
  if (picked.length === 0) io.stderr(`compose-guard verify: no snapshots in ${store.location}${project ? ` for project ${project}` : ''}\n`);
  for (const v of verdicts) {
    io.stdout(v.ok
      ? `${v.id}  verified: ${v.volumes} volumes, ${v.files} files, ${humanBytes(v.bytes)}; sha256, files and bytes match\n`
      : `${v.id}  FAILED: ${v.problems.join('; ')}\n`);
  }
  if (check) io.stdout(`${store.location}  ${check.ok ? 'verified' : 'FAILED'}: ${check.summary}\n`);
  return ok ? EXIT_GO : EXIT_PROBLEM;
}
