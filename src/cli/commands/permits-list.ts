// `compose-guard allow-once --list [--json]` and `--revoke ID`: the caller's own permits.
import type { CliIo } from '../io.js';
import { EXIT_GO, EXIT_PROBLEM } from '../exit-codes.js';
import { permitStore } from '../store.js';
import { quote } from 'shell-quote';

export function listPermits(io: CliIo, json: boolean): number {
  const store = permitStore(io);
  const listed = store.list(io.now());
  if (json) {
    for (const l of listed) io.stdout(`${JSON.stringify({ id: l.id, valid: !l.problem, problem: l.problem ?? null, permit: l.permit ?? null })}\n`);
    return EXIT_GO;
  }
  if (listed.length === 0) io.stdout(`no permits in ${store.dir}\n`);
  for (const { id, permit, problem } of listed) {
    const what = permit ? `${quote([permit.tool, ...permit.argv])}${permit.project ? ` (project ${permit.project})` : ''} in ${permit.cwd}, daemon ${permit.target.context}${permit.target.endpoint ? ` (${permit.target.endpoint})` : ''}, until ${permit.expiresAt}: ${permit.reason}` : '';
    io.stdout(`${id}  ${problem ? `NOT HONOURED (${problem})` : 'valid'}  ${what}\n`);
  }
  return EXIT_GO;
}

export function revokePermit(io: CliIo, id: string): number {
  if (permitStore(io).revoke(id)) {
    io.stderr(`compose-guard: permit ${id} withdrawn\n`);
    return EXIT_GO;
  }
  io.stderr(`compose-guard: no permit ${id} of yours (compose-guard allow-once --list shows them)\n`);
  return EXIT_PROBLEM;
}
