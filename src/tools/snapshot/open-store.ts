// The store the policy names: a restic repository when `snapshots.repository` is set, else the
// snapshot folder.
import type { Env } from '../../host.js';
import type { SnapshotPlace } from '../../policy/snapshots.js';
import { dirStore } from './dir-store.js';
import { resticStore } from './restic-store.js';
import type { SnapshotStore } from './store.js';

export function openStore(place: SnapshotPlace, env: Env, host: string): SnapshotStore {
  return place.repository ? resticStore(place.repository, env, host) : dirStore(place.dir, env);
}
