// The tags in effect for a command: the host's own (`environment:`, `hosts:` globs on the
// hostname) and the daemon it addresses (`targets:` globs on the context name or address).
// All apply; the strictest outcome among them wins. CI=true proves nothing and is not read.
import { globMatch } from './glob.js';
import { outcomeFor, stricter, type Outcome, type Policy } from './policy.js';
import type { DaemonTarget } from '../daemon/target.js';
import type { PolicySource } from './file.js';

export interface EnvironmentTag {
  tag: string;
  /** Where it came from, for the stop message and the audit. */
  from: string;
  /** The file:line:col that set it. */
  at?: string;
  /** Which kind of policy file set it. */
  source?: PolicySource;
}

export function environmentTags(policy: Policy, hostname: string, target: DaemonTarget): EnvironmentTag[] {
  const tags: EnvironmentTag[] = [];
  for (const file of policy.files) {
    const source = file.source;
    if (file.environment) tags.push({ tag: file.environment, from: `environment in ${file.path}`, at: file.at.environment, source });
    for (const [glob, tag] of Object.entries(file.hosts)) {
      if (globMatch(glob, hostname)) tags.push({ tag, from: `hosts "${glob}" in ${file.path} matches ${hostname}`, at: file.at[`hosts.${glob}`], source });
    }
    for (const [glob, tag] of Object.entries(file.targets)) {
      if (target.unknown !== undefined) {
        tags.push({ tag, from: `targets "${glob}" in ${file.path} may match the daemon addressed, which could not be worked out (${target.unknown})`, at: file.at[`targets.${glob}`], source });
        continue;
      }
      const hit = [target.context, target.endpoint].find((value) => value !== undefined && globMatch(glob, value));
      if (hit) tags.push({ tag, from: `targets "${glob}" in ${file.path} matches ${hit}`, at: file.at[`targets.${glob}`], source });
    }
  }
  return tags;
}

/** The tag whose outcome decides: the first of the strictest; null when no tag applies. */
export function decidingTag(policy: Policy, tags: EnvironmentTag[]): (EnvironmentTag & { outcome: Outcome }) | null {
  let best: (EnvironmentTag & { outcome: Outcome }) | null = null;
  for (const t of tags) {
    const outcome = outcomeFor(policy, t.tag);
    if (!best || stricter(best.outcome, outcome) !== best.outcome) best = { tag: t.tag, from: t.from, outcome };
  }
  return best;
}

/** The strictest outcome among the tags; no tag at all is `soft`. */
export function strictestOutcome(policy: Policy, tags: EnvironmentTag[]): Outcome {
  return decidingTag(policy, tags)?.outcome ?? 'soft';
}
