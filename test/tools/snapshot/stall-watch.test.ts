// The stall watch shared by a snapshot's copy and restore's and status's counts: it ends a reading
// only after the stall time in which nothing arrived and the wait was the engine's.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stallWatch } from '../../../src/tools/snapshot/stall-watch.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('stallWatch', () => {
  it('calls stalled once the stall time has passed with nothing seen while waiting for the engine', () => {
    const stalled = vi.fn();
    const watch = stallWatch(1000, () => true, stalled);
    vi.advanceTimersByTime(750);
    expect(stalled).not.toHaveBeenCalled();
    vi.advanceTimersByTime(250);
    expect(stalled).toHaveBeenCalledTimes(1);
    watch.stop();
  });

  it('starts the stall time again at each thing seen', () => {
    const stalled = vi.fn();
    const watch = stallWatch(1000, () => true, stalled);
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(750);
      watch.seen();
    }
    expect(stalled).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1000);
    expect(stalled).toHaveBeenCalled();
    watch.stop();
  });

  it('does not count a wait that is not the engine\'s (a store slow to take the bytes)', () => {
    const stalled = vi.fn();
    let engines = false;
    const watch = stallWatch(1000, () => engines, stalled);
    vi.advanceTimersByTime(10_000);
    expect(stalled).not.toHaveBeenCalled();
    engines = true;
    vi.advanceTimersByTime(750);
    expect(stalled).not.toHaveBeenCalled();
    vi.advanceTimersByTime(500);
    expect(stalled).toHaveBeenCalled();
    watch.stop();
  });

  it('looks at least every 5 s however long the stall time, and never again once stopped', () => {
    const stalled = vi.fn();
    const watch = stallWatch(60_000, () => true, stalled);
    vi.advanceTimersByTime(60_000);
    expect(stalled).toHaveBeenCalledTimes(1);
    watch.stop();
    vi.advanceTimersByTime(600_000);
    expect(stalled).toHaveBeenCalledTimes(1);
  });
});
