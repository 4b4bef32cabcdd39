// "Did you mean …?": the closest known word by edit distance, when it is close enough to be a typo.

export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost));
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/** The known word nearest to `word`, if at most a third of its letters (at least 2) differ or it
 * is the start of a known word (`prod`, `stage`). */
export function closest(word: string, known: Iterable<string>): string | undefined {
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best: { word: string; distance: number } | undefined;
  for (const candidate of known) {
    const a = word.toLowerCase();
    const b = candidate.toLowerCase();
    const prefix = a.length >= 3 && b.length > a.length && (b.startsWith(a) || b.startsWith(a.slice(0, -1)));
    const distance = prefix ? 1 : editDistance(a, b);
    if (distance <= limit && (!best || distance < best.distance)) best = { word: candidate, distance };
  }
  return best?.word;
}

/** ` (did you mean X?)`, or nothing. */
export function didYouMean(word: string, known: Iterable<string>): string {
  const match = closest(word, known);
  return match ? ` (did you mean ${match}?)` : '';
}
