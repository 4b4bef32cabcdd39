// Some readings rewrite the command line before parsing it (Compose v2 standalone moves flags to
// the docker level, config.json aliases replace words). A reading's flag sites then point into the
// rewritten argv; `from` maps each rewritten index back to the typed argv (-1: not typed there).
import type { CommandAnalysis } from './command.js';

export interface Rewritten {
  argv: string[];
  from: number[];
}

/** The analysis of a rewritten argv, told in terms of the argv as typed. */
export function remapAnalysis(analysis: CommandAnalysis, rewritten: Rewritten, typed: readonly string[]): CommandAnalysis {
  const back = (i: number | undefined): number | undefined => (i === undefined ? undefined : rewritten.from[i] ?? -1);
  const operations = analysis.operations.map((op) => ({ ...op, sites: (op.sites ?? []).map((s) => ({ ...s, at: back(s.at) ?? -1 })) }));
  const compose = analysis.compose && { ...analysis.compose, subcommandAt: keptOrder(back(analysis.compose.subcommandAt), rewritten, analysis.compose.subcommandAt) };
  const commandAt = keptOrder(back(analysis.commandAt), rewritten, analysis.commandAt);
  return { ...analysis, argv: typed, operations, compose, commandAt };
}

/** An index whose typed prefix is the rewritten prefix reordered only: safe to cut the typed argv there. */
function keptOrder(typedIndex: number | undefined, rewritten: Rewritten, index: number | undefined): number | undefined {
  if (typedIndex === undefined || index === undefined || typedIndex < 0) return undefined;
  const before = rewritten.from.slice(0, index).filter((i) => i >= 0).sort((a, b) => a - b);
  return before.every((i, k) => i === k) && before.length === typedIndex ? typedIndex : undefined;
}

export function identity(argv: readonly string[]): Rewritten {
  return { argv: [...argv], from: argv.map((_, i) => i) };
}
