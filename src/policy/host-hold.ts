// Whether the host policy on its own holds a command back (block or confirm): its tags with its
// rules, or its protect globs. A user lifts what their own files set; what the host file sets
// only a permit root issued can lift.
import { globMatch } from './glob.js';
import type { Policy } from './policy.js';
import { decidingTag, type EnvironmentTag } from './tags.js';
import type { Resolution } from '../project/volumes.js';

export function hostHold(policy: Policy, tags: EnvironmentTag[], resolution: Resolution, destructive: boolean): string | null {
  const hostFiles = policy.files.filter((f) => f.source === 'host');
  if (hostFiles.length === 0) return null;
  const hostOnly: Policy = { files: hostFiles, errors: [] };
  const deciding = decidingTag(hostOnly, tags.filter((t) => t.source === 'host'));
  if (deciding && (deciding.outcome === 'block' || deciding.outcome === 'confirm')) {
    return `the host policy sets ${deciding.outcome} for "${deciding.tag}" (${deciding.from})`;
  }
  const globs = hostFiles.flatMap((f) => f.protect);
  const hit = resolution.volumes.find((v) => globs.some((g) => globMatch(g, v.name)));
  if (hit) return `the host policy protects ${hit.name}`;
  if (globs.length > 0 && destructive && resolution.uncertainties.length > 0) return 'the host policy protects volumes that cannot be named here';
  return null;
}
