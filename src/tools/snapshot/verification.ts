// What `compose-guard verify` records of a snapshot: when it was last verified, how, and whether
// it passed. Only the latest verification is kept, and it is bounded (a few problems, each a
// line), so a manifest never grows with the number of runs. "Verified" means: the latest
// verification passed, or, never verified since, the read-back when it was taken did.
import type { Manifest, SnapshotStore, StoreCheck } from './store.js';
import type { SnapshotVerdict } from './verify.js';

export interface Verification {
  /** When it was verified (ISO time). */
  time: string;
  /** Every volume read back and its sha256, files and bytes matched the manifest. */
  ok: boolean;
  /** How it was verified, in words. */
  by: string;
  /** What did not match: at most MAX_PROBLEMS lines of at most MAX_LINE characters. */
  problems: string[];
  /** The store's own check of everything it holds, when one ran (restic check --read-data). */
  storeCheck?: StoreCheck;
}

export const MAX_PROBLEMS = 5;
export const MAX_LINE = 300;

const READ_BACK: Record<'dir' | 'restic', string> = {
  dir: 'sha256, files and bytes read back from the compressed files',
  restic: 'sha256, files and bytes read back through restic dump',
};

function line(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > MAX_LINE ? `${one.slice(0, MAX_LINE - 1)}…` : one;
}

/** The record of one snapshot's verdict; the store check, if any, is kept beside it. */
export function verificationOf(verdict: SnapshotVerdict, kind: 'dir' | 'restic', check: StoreCheck | undefined, now: Date): Verification {
  const problems = verdict.problems.slice(0, MAX_PROBLEMS).map(line);
  if (verdict.problems.length > MAX_PROBLEMS) problems[MAX_PROBLEMS - 1] = `${verdict.problems.length - MAX_PROBLEMS + 1} more problems`;
  return {
    time: now.toISOString(), ok: verdict.ok, by: `${READ_BACK[kind]}${check ? '; restic check --read-data' : ''}`, problems,
    ...(check ? { storeCheck: { ok: check.ok, summary: line(check.summary) } } : {}),
  };
}

/** Whether the snapshot counts as verified: its latest verification passed. */
export function isVerified(m: Manifest): boolean {
  return m.verification ? m.verification.ok : m.verified;
}

/** Its latest verification, passed or failed; the read-back when it was taken if none since; null when it never was. */
export function lastVerification(m: Manifest): Verification | null {
  if (m.verification) return m.verification;
  return m.verified ? { time: m.time, ok: true, by: 'read back when it was taken', problems: [] } : null;
}

/**
 * Records each conclusive verdict in its snapshot's manifest (one cut short by the deadline says
 * nothing of the snapshot and is not recorded). Returns, per snapshot id, whether it was recorded,
 * and a line for each that could not be.
 */
export async function recordVerdicts(store: SnapshotStore, manifests: Manifest[], verdicts: SnapshotVerdict[], check: StoreCheck | undefined, now: Date):
  Promise<{ recorded: Set<string>; failures: string[] }> {
  const recorded = new Set<string>();
  const failures: string[] = [];
  for (const verdict of verdicts) {
    const manifest = manifests.find((m) => m.id === verdict.id);
    if (!manifest || !verdict.conclusive) continue;
    try {
      await store.record(manifest, verificationOf(verdict, store.kind, check, now));
      recorded.add(verdict.id);
    } catch (error) {
      failures.push(`the result for ${verdict.id} could not be recorded: ${line(error instanceof Error ? error.message : String(error))}`);
    }
  }
  return { recorded, failures };
}
