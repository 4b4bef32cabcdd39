// The folder store's layout, read by the store itself and by the stop message (which must not
// load the tools): one folder a snapshot, named by its id, holding manifest.json; names that
// start with a dot (snapshots being written) are not snapshots.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const MANIFEST_FILE = 'manifest.json';

/**
 * The manifests of the snapshots in `dir`, for the folder names `pick` keeps (in its order).
 * A folder without a readable manifest is not a snapshot; a missing `dir` holds none.
 */
export function folderManifests<M>(dir: string, pick: (names: string[]) => string[] = (names) => names): M[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => !n.startsWith('.'));
  } catch {
    return [];
  }
  return pick(names).flatMap((name) => {
    try {
      return [JSON.parse(readFileSync(path.join(dir, name, MANIFEST_FILE), 'utf8')) as M];
    } catch {
      return [];
    }
  });
}
