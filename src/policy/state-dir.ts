// Where the caller's permits and fallback audit live. A user's is where HOME/XDG_STATE_HOME
// say (the files there are checked before use). Root's is that folder only when root owns it:
// under `sudo -E` HOME and XDG_* are a user's, and root must neither honour that user's permits
// nor write through that user's folders; root then uses its own home from the password database.
import { lstatSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { Env } from '../host.js';
import { stateDir } from './permits.js';

export interface StateOwner {
  uid: number;
  /** The account's home from the password database (not HOME). */
  home: string;
}

/** The nearest existing folder at or above `dir`, as lstat sees it. */
function nearestExisting(dir: string): Stats | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    try {
      return lstatSync(d);
    } catch {
      if (d === path.dirname(d)) return undefined;
    }
  }
}

export function ownStateDir(env: Env, owner: StateOwner): string {
  const named = stateDir(env);
  if (owner.uid !== 0) return named;
  const base = nearestExisting(path.dirname(named));
  const roots = base !== undefined && !base.isSymbolicLink() && base.uid === 0 && (base.mode & 0o022) === 0;
  return roots ? named : path.join(owner.home, '.local', 'state', 'compose-guard');
}

export function ownPermitDir(env: Env, owner: StateOwner): string {
  return path.join(ownStateDir(env, owner), 'permits');
}
