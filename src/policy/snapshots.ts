// Whether a permitted destroy is snapshotted first, and where snapshots go: the `snapshots:`
// settings of every policy file combined (every `before` list counts; the largest `keep`; the
// location from the host file first). Pure: the taking lives in the tools bundle.
import path from 'node:path';
import type { Env } from '../host.js';
import type { Decision } from './decide.js';
import type { EnvironmentTag } from './tags.js';
import type { PolicySource } from './file.js';
import type { Policy } from './policy.js';
import { stateDir } from './permits.js';

export const DEFAULT_KEEP = 5;
export const ROOT_SNAPSHOT_DIR = '/var/backups/compose-guard';

export interface SnapshotPlace {
  /** The folder store, used when no restic repository is set. */
  dir: string;
  keep: number;
  repository?: { url: string; passwordFile?: string; environmentFile?: string; options: string[] };
}

const PLACE_ORDER: PolicySource[] = ['host', 'env', 'user', 'project'];

export function snapshotPlace(policy: Policy, env: Env, uid: number): SnapshotPlace {
  const settings = PLACE_ORDER.flatMap((source) => policy.files.filter((f) => f.source === source && f.snapshots).map((f) => f.snapshots!));
  const dir = settings.find((s) => s.dir)?.dir ?? (uid === 0 ? ROOT_SNAPSHOT_DIR : path.join(stateDir(env), 'snapshots'));
  const keeps = settings.flatMap((s) => (s.keep ? [s.keep] : []));
  const repo = settings.find((s) => s.repository);
  const place: SnapshotPlace = { dir, keep: keeps.length > 0 ? Math.max(...keeps) : DEFAULT_KEEP };
  if (repo?.repository) {
    place.repository = { url: repo.repository, passwordFile: repo.passwordFile, options: repo.resticOptions ?? [] };
    if (repo.environmentFile) place.repository.environmentFile = repo.environmentFile;
  }
  return place;
}

export interface SnapshotNeed {
  wanted: boolean;
  /** Why (or, when an allow-once skips it, that it was skipped and by whom). */
  why: string;
}

/**
 * A destroy that goes ahead is snapshotted first when a tag in effect is listed in some file's
 * `snapshots.before`, or when an allow-once permission lets it through on production (the
 * final snapshot RDS takes before a delete), unless that permission was issued --no-snapshot.
 */
export function snapshotNeed(policy: Policy, tags: EnvironmentTag[], decision: Decision, permit?: { id: string; noSnapshot?: boolean }): SnapshotNeed {
  if (decision.verdict === 'block' || !decision.destructive) return { wanted: false, why: 'nothing is destroyed' };
  const before = new Set(policy.files.flatMap((f) => f.snapshots?.before ?? []));
  const listed = tags.filter((t) => before.has(t.tag)).map((t) => t.tag);
  const finalSnapshot = decision.usesPermit && tags.some((t) => t.tag === 'production');
  if (listed.length === 0 && !finalSnapshot) return { wanted: false, why: 'the policy asks for no snapshot here' };
  if (decision.usesPermit && permit?.noSnapshot) return { wanted: false, why: `skipped by allow-once --no-snapshot (${permit.id})` };
  return { wanted: true, why: listed.length > 0 ? `snapshots.before lists ${listed.join(', ')}` : 'allow-once on production takes a final snapshot' };
}
