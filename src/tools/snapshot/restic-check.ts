// `restic check --read-data` for the restic store: reads every pack of the repository back and
// checks it against its hash. Bounded: a deadline ends it (then it has not verified), and only
// the tail of its output is kept. Its output becomes one line.
import { spawn } from 'node:child_process';
import type { StoreCheck } from './store.js';

const KEEP = 64 * 1024;
// The steps restic announces on every run; the rest of its output is what it found.
const STEPS = [/^using temporary cache/, /^create exclusive lock/, /^load indexes/, /^check all packs/, /^check snapshots, trees and blobs/,
  /^read all data/, /^\[[\d:]+\]\s+[\d.]+%/, /^no errors were found/, /^repository [0-9a-f]+ opened/, /^created new cache/, /^\s*$/];

/** restic check's output in one line: what it found, or that it found nothing. */
export function summariseCheck(output: string, status: number | null): StoreCheck {
  const lines = output.split(/\r?\n|\r/).map((l) => l.trim());
  const packs = [...output.matchAll(/(\d+) \/ (\d+) packs/g)].at(-1)?.[2];
  if (status === 0 && lines.some((l) => l === 'no errors were found')) {
    return { ok: true, summary: `restic check --read-data: no errors were found${packs ? ` (${packs} packs read)` : ''}` };
  }
  const found = [...new Set(lines.filter((l) => !STEPS.some((s) => s.test(l))))];
  const shown = found.slice(0, 3).join('; ');
  const more = found.length > 3 ? `; and ${found.length - 3} more lines` : '';
  const said = shown === '' ? 'no explanation' : `${shown.length > 600 ? `${shown.slice(0, 600)}…` : shown}${more}`;
  return { ok: false, summary: `restic check --read-data failed (status ${status ?? 'killed'}): ${said}` };
}

export function runCheck(argv: [string, string[]], env: Record<string, string | undefined>, deadlineMs: number): Promise<StoreCheck> {
  return new Promise((resolve) => {
    const child = spawn(argv[0], argv[1], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (d: Buffer) => {
      output += d.toString();
      if (output.length > KEEP * 2) output = output.slice(-KEEP);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      child.kill('SIGTERM');
    }, deadlineMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ ok: false, summary: `restic could not run: ${e.message}` });
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve(late ? { ok: false, summary: `restic check --read-data did not finish within ${Math.round(deadlineMs / 1000)} s; the repository is not verified` } : summariseCheck(output, status));
    });
  });
}
