// How long an engine may send nothing of an archive, and the watch that ends a reading of it once
// it has: a snapshot's copy (archive-tap.ts, where the volume's writers stay paused meanwhile) and
// the counts of restore's read-back and status's look into a volume (volume-content.ts).

/** How long the engine may send nothing while the reader is ready for more. */
export const STALL_MS = 60_000;

export interface StallWatch {
  /** Something arrived: the stall time starts again. */
  seen(): void;
  stop(): void;
}

/**
 * Calls `stalled` once `stallMs` have passed in which nothing was seen and the wait was the
 * engine's (`waitingForEngine`; a wait that is not restarts the stall time). Looks a few times
 * per stall time (every quarter, at least every 20 ms, at most every 5 s), and keeps no process
 * up by itself.
 */
export function stallWatch(stallMs: number, waitingForEngine: () => boolean, stalled: () => void): StallWatch {
  let last = Date.now();
  const timer = setInterval(() => {
    if (!waitingForEngine()) last = Date.now();
    else if (Date.now() - last >= stallMs) stalled();
  }, Math.max(20, Math.min(stallMs / 4, 5000)));
  timer.unref();
  return { seen: () => { last = Date.now(); }, stop: () => clearInterval(timer) };
}
