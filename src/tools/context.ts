// What the snapshot commands share: the policy in force here (with the project's own file), the
// store it names, and the engine the current settings address (as docker would pick it).
import type { CliIo } from '../cli/io.js';
import { resolveTarget } from '../daemon/target.js';
import { loadPolicy, realPolicyFs, withProjectPolicy, type Policy } from '../policy/policy.js';
import { snapshotPlace } from '../policy/snapshots.js';
import { engineFor } from './engine-connect.js';
import type { StreamEngine } from './engine-stream.js';
import { openStore } from './snapshot/open-store.js';
import type { SnapshotStore } from './snapshot/store.js';

export interface ToolContext {
  policy: Policy;
  store: SnapshotStore;
  engine: () => StreamEngine;
}

export function toolContext(io: CliIo, projectDir: string | null = io.cwd): ToolContext {
  const policy = withProjectPolicy(loadPolicy(io.env), projectDir);
  const store = openStore(snapshotPlace(policy, io.env, io.user.uid), io.env, io.hostname);
  return {
    policy,
    store,
    engine: () => engineFor(resolveTarget({}, io.env, realPolicyFs), io.env),
  };
}

/** A snapshot by id or unique id prefix. */
export async function findSnapshot(store: SnapshotStore, wanted: string) {
  const all = await store.list();
  const exact = all.find((m) => m.id === wanted);
  if (exact) return exact;
  const prefixed = all.filter((m) => m.id.startsWith(wanted));
  if (prefixed.length === 1) return prefixed[0]!;
  throw new Error(prefixed.length === 0 ? `no snapshot ${wanted} in ${store.location}` : `${wanted} names ${prefixed.length} snapshots; give more of the id`);
}
