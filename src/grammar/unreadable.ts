// What the grammar cannot read positively is judged destructive. When a command line holds a flag
// compose-guard does not know, Docker refuses it only if compose-guard's flag lists are complete
// for the version on the host; so the line is read again every plausible way the flag could be
// meant (a bool, or a flag with a value), and if any reading destroys data, the command is doubtful.

export const CANNOT_READ = 'compose-guard cannot read this the way Docker does';

export function cannotRead(what: string): string {
  return `${CANNOT_READ}: ${what}`;
}

/** The args with the unknown flag read as a bool, and as taking a value (the rest of a cluster, or the next token). */
export function repairs(args: readonly string[], at: { index: number; letter?: number }): string[][] {
  const token = args[at.index] as string;
  const before = args.slice(0, at.index);
  const after = args.slice(at.index + 1);
  const keep = (t: string): string[] => (t === '-' || t === '' ? [] : [t]);
  const out: string[][] = [];
  if (at.letter === undefined) {
    out.push([...before, ...after]);
    if (!token.includes('=')) out.push([...before, ...after.slice(1)]);
  } else {
    out.push([...before, ...keep(token.slice(0, at.letter) + token.slice(at.letter + 1)), ...after]);
    const head = keep(token.slice(0, at.letter));
    out.push(at.letter + 1 < token.length ? [...before, ...head, ...after] : [...before, ...head, ...after.slice(1)]);
  }
  const seen = new Set<string>();
  return out.filter((a) => {
    const key = JSON.stringify(a);
    return !seen.has(key) && seen.add(key) !== undefined;
  });
}

let depth = 0;

/**
 * Whether any repaired reading needs judgement. Unknown flags nest (each repair may meet another);
 * past a few levels the line is simply judged doubtful, so an attacker's flood of flags costs nothing.
 */
export function anyDoubtful(alternatives: readonly string[][], doubtful: (args: string[]) => boolean): boolean {
  if (depth >= 4) return true;
  depth++;
  try {
    return alternatives.some(doubtful);
  } finally {
    depth--;
  }
}
