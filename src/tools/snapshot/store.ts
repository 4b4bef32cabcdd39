// What a snapshot is, wherever it lives: a manifest and one tar stream per volume. Two stores
// implement the same interface: a folder on the host (dir-store.ts) and a restic repository
// (restic-store.ts); snapshot, list, restore and verify use only this interface.
import type { Readable } from 'node:stream';
import { isVerified, type Verification } from './verification.js';

export interface VolumeRecord {
  name: string;
  driver: string;
  labels: Record<string, string>;
  options: Record<string, string>;
  services: string[];
  /** The containers that mounted it when it was copied. */
  containers: string[];
  /** Regular files and their bytes, counted in the archive. */
  files: number;
  bytes: number;
  /** sha256 of the volume's tar stream as the engine sent it. */
  sha256: string;
  /** How the copy was made consistent, e.g. "paused huangpu-postgres-1 for 412 ms". */
  consistency: string;
  pausedMs: number;
  /** Bytes the store added for it (compressed file, or restic's added data). */
  storedBytes: number;
  /** Where the store keeps it (a file name, or restic's snapshot id). */
  stored: string;
  /** The archive's top folder (the name of the path it was read from); absent: the helper's. */
  root?: string;
}

export interface Manifest {
  format: 1;
  id: string;
  project: string | null;
  time: string;
  host: string;
  engine: { endpoint: string; version: string };
  /** The command that caused it, or `compose-guard snapshot`. */
  command: string[];
  reason: string;
  volumes: VolumeRecord[];
  /** Every volume's stored copy was read back and its sha256 matched, when it was taken. */
  verified: boolean;
  store: string;
  /** The latest `compose-guard verify` of it, passed or failed (absent: never verified since). */
  verification?: Verification;
}

export interface SnapshotWriter {
  /** Stores one volume's tar stream; resolves with what the store added. */
  writeVolume(volume: string, tar: Readable): Promise<{ storedBytes: number; stored: string }>;
  /**
   * Reads back what was stored and checks it: the folder store decodes the compressed file on
   * disk to its end (the codec's checksum of the content, and the size written, must hold);
   * restic's copy is dumped and checked against the tar's sha256. Throws when they differ.
   */
  verify(stored: string, tarSha256: string): Promise<void>;
  /** Makes the snapshot count: only now does it appear in the list. */
  commit(manifest: Manifest): Promise<void>;
  /** Removes everything written; the snapshot never counts. */
  abort(): Promise<void>;
}

export interface SnapshotStore {
  /** Where it is, for messages (a folder, or restic's repository URL). */
  location: string;
  kind: 'dir' | 'restic';
  begin(id: string): Promise<SnapshotWriter>;
  /** Every committed snapshot, newest first. */
  list(): Promise<Manifest[]>;
  /** One volume's tar stream of a committed snapshot. */
  read(manifest: Manifest, volume: string): Promise<Readable>;
  remove(manifest: Manifest): Promise<void>;
  /** Records its latest verification in its manifest, replacing the one before; the old manifest stays whole until the new one is. */
  record(manifest: Manifest, verification: Verification): Promise<void>;
  /** What the store itself can tell of one snapshot's stored copies beyond their content (the folder store: each file there, with the size written). */
  storedProblems(manifest: Manifest): Promise<string[]>;
  /** The store's own check of everything it holds (restic check --read-data); none for the folder store. */
  checkStore(deadlineMs: number): Promise<StoreCheck | undefined>;
}

export interface StoreCheck {
  ok: boolean;
  /** One line: what the check said. */
  summary: string;
}

export function newestFirst(manifests: Manifest[]): Manifest[] {
  return manifests.sort((a, b) => b.time.localeCompare(a.time) || b.id.localeCompare(a.id));
}

/** Keeps `keep` snapshots of the project; the newest verified one (its latest verification passed) is never pruned. */
export async function prune(store: SnapshotStore, project: string | null, keep: number): Promise<string[]> {
  const mine = newestFirst((await store.list()).filter((m) => m.project === project));
  const newestVerified = mine.find(isVerified);
  const removed: string[] = [];
  for (const m of mine.slice(keep)) {
    if (m === newestVerified) continue;
    await store.remove(m);
    removed.push(m.id);
  }
  return removed;
}
