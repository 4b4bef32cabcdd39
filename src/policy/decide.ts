// The decision: a pure function of the command, the volumes it would destroy, the policy and
// the situation (tags in effect, a person at a terminal, an allow-once permission). Rendering
// and I/O live elsewhere.
import { needsJudgement, type CommandAnalysis } from '../grammar/command.js';
import { safeAlternatives, type Alternative } from '../grammar/alternatives.js';
import { decidingTag, type EnvironmentTag } from './tags.js';
import { globMatch } from './glob.js';
import { protectGlobs, type Outcome, type Policy } from './policy.js';
import { hostHold } from './host-hold.js';
import type { Resolution } from '../project/volumes.js';

export type Verdict = 'allow' | 'block' | 'confirm';

export interface Situation {
  tags: EnvironmentTag[];
  /** A person can be asked (/dev/tty opens). */
  interactive: boolean;
  /** An unexpired allow-once permission matches this command. */
  permit: boolean;
  /** That permission was issued by root (it can lift what the host policy holds). */
  permitByRoot?: boolean;
  /** What to run instead, read again the way the judge reads (default: the grammar alone). */
  alternatives?: Alternative[];
}

export interface Decision {
  verdict: Verdict;
  /** Whether the command can destroy volume data. */
  destructive: boolean;
  /** What the tags in effect ask for (`none` when nothing is destroyed). */
  outcome: Outcome | 'none';
  reasons: string[];
  /** Print a one-line note although the command goes ahead. */
  notify: boolean;
  /** Volumes that match a `protect` glob. */
  protectedVolumes: string[];
  /** The allow-once permission is what lets the command through (consume it). */
  usesPermit: boolean;
  /** What a person must type to confirm. */
  confirmText?: string;
  /** The tag whose outcome decided and where it came from; null when no tag applies. */
  decidingTag: EnvironmentTag | null;
  /** What the operator can run instead and keep the volumes (empty when nothing is destroyed). */
  alternatives: Alternative[];
  /** Why the host policy on its own holds this command back, when it does: only root lifts it. */
  hostHold: string | null;
}

function tagSummary(tags: EnvironmentTag[]): string {
  return tags.length === 0 ? 'no policy tags this host or its daemon' : tags.map((t) => `"${t.tag}" (${t.from})`).join(', ');
}

export function decide(analysis: CommandAnalysis, resolution: Resolution, policy: Policy, situation: Situation): Decision {
  const destructive = analysis.operations.length > 0;
  const uncertain = [...analysis.uncertainties, ...resolution.uncertainties];
  const deciding = decidingTag(policy, situation.tags);
  const base = {
    destructive, notify: false, protectedVolumes: [] as string[], usesPermit: false,
    decidingTag: deciding && { tag: deciding.tag, from: deciding.from }, alternatives: [] as Decision['alternatives'], hostHold: null as string | null,
  };
  if (!needsJudgement(analysis)) return { ...base, verdict: 'allow', outcome: 'none', reasons: analysis.notes };
  base.alternatives = situation.alternatives ?? safeAlternatives(analysis);

  if (policy.errors.length > 0) {
    return { ...base, verdict: 'block', outcome: 'block', notify: true, reasons: [...policy.errors.map((e) => `the policy cannot be used: ${e}`), ...uncertain] };
  }
  const globs = protectGlobs(policy);
  const protectedVolumes = resolution.volumes.map((v) => v.name).filter((name) => globs.some((g) => globMatch(g, name)));
  // With protect globs in force, volumes that cannot be named might be protected ones.
  const unknownUnderProtect = globs.length > 0 && uncertain.length > 0;
  let outcome = deciding?.outcome ?? 'soft';
  const reasons = [`tags in effect: ${tagSummary(situation.tags)} -> ${outcome === 'soft' ? 'confirm at a terminal' : outcome}`];
  if (protectedVolumes.length > 0 || unknownUnderProtect) {
    outcome = 'block';
    reasons.push(protectedVolumes.length > 0
      ? `protected volumes: ${protectedVolumes.join(', ')} (protect: ${globs.join(', ')})`
      : `volumes that cannot be named may be protected (protect: ${globs.join(', ')})`);
  }
  reasons.push(...uncertain);
  const held = hostHold(policy, situation.tags, resolution, destructive);
  const decision = { ...base, outcome, protectedVolumes, reasons, hostHold: held };
  const permit = situation.permit && (!held || situation.permitByRoot === true);
  if (situation.permit && !permit) reasons.push(`an allow-once permit does not lift this: ${held}, and only a permit root issued can`);
  const confirmText = resolution.project?.name ?? resolution.volumes[0]?.name ?? 'destroy';

  if (outcome === 'allow') return { ...decision, verdict: 'allow' };
  if (permit && (outcome === 'block' || outcome === 'confirm' || (outcome === 'soft' && situation.interactive))) {
    return { ...decision, verdict: 'allow', usesPermit: true, notify: true, reasons: [...reasons, 'an allow-once permission covers this command'] };
  }
  if (outcome === 'block') return { ...decision, verdict: 'block', notify: true };
  if (outcome === 'confirm') {
    return situation.interactive
      ? { ...decision, verdict: 'confirm', confirmText }
      : { ...decision, verdict: 'block', notify: true, reasons: [...reasons, 'confirmation needs a terminal, and there is none'] };
  }
  // soft: ask a person when there is one; otherwise go ahead with a note. On an untagged host
  // doubt alone never asks; on a tagged one (staging) what cannot be judged is not plainly
  // allowed: a person decides, and without one it stops.
  const doubtful = uncertain.length > 0 && situation.tags.length > 0;
  if (situation.interactive && (destructive || doubtful)) return { ...decision, verdict: 'confirm', confirmText };
  if (doubtful) {
    return { ...decision, verdict: 'block', notify: true, reasons: [...reasons, 'what it would destroy is not certain, and there is no terminal to ask at'] };
  }
  return { ...decision, verdict: 'allow', notify: destructive || uncertain.length > 0 };
}
