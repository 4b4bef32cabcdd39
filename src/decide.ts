// The decision: a pure function of the command, the volumes it would destroy, the policy and
// the environment. Rendering and I/O live elsewhere.
import { needsJudgement, type CommandAnalysis } from './command.js';
import type { Policy } from './policy.js';
import type { Resolution } from './volumes.js';

export type Verdict = 'allow' | 'block' | 'confirm';

export interface Decision {
  verdict: Verdict;
  /** Whether the command can destroy volume data (or cannot be proved harmless). */
  destructive: boolean;
  reasons: string[];
  /** Print a one-line note even though the command goes ahead. */
  notify: boolean;
}

export function decide(analysis: CommandAnalysis, resolution: Resolution, policy: Policy): Decision {
  const uncertain = [...analysis.uncertainties, ...resolution.uncertainties];
  if (!needsJudgement(analysis)) return { verdict: 'allow', destructive: false, reasons: analysis.notes, notify: false };
  const destructive = analysis.operations.length > 0;
  if (policy.error) {
    return { verdict: 'block', destructive, reasons: [`the policy cannot be used: ${policy.error}`, ...uncertain], notify: true };
  }
  const where = `${policy.source ?? 'no policy file'} tags this host "${policy.environment ?? 'untagged'}"`;
  if (policy.environment === 'production') {
    const why = destructive ? 'it would destroy volume data' : 'compose-guard cannot prove it harmless';
    return { verdict: 'block', destructive, reasons: [`${where}, and ${why}`, ...uncertain], notify: true };
  }
  if (policy.environment === 'ci') return { verdict: 'allow', destructive, reasons: [`${where}: resets are allowed`], notify: false };
  return { verdict: 'allow', destructive, reasons: [`${where}: allowed`, ...uncertain], notify: destructive };
}
