// Shared helper for grammar table tests: one line per case, `kinds` lists the operations found.
import type { CommandAnalysis } from '../../src/grammar/command.js';

export interface Row {
  argv: string;
  kinds?: string[];
  uncertain?: boolean;
}

export function split(argv: string): string[] {
  return argv === '' ? [] : argv.split(' ');
}

export function summary(a: CommandAnalysis): { kinds: string[]; uncertain: boolean } {
  return { kinds: a.operations.map((o) => o.kind), uncertain: a.uncertainties.length > 0 };
}
