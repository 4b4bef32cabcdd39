// Pausing the containers that write to a volume while it is copied (a crash-consistent image,
// as a filesystem snapshot is) and unpausing every one of them afterwards, whatever happened.
import type { StreamEngine } from '../engine-stream.js';
import type { VolumeUser } from './helper.js';

export interface Paused {
  names: string[];
  /** Unpauses what was paused here (never a container someone else paused); returns the ms paused. */
  resume(): Promise<number>;
}

export async function pauseWriters(engine: StreamEngine, users: VolumeUser[]): Promise<Paused> {
  const paused: VolumeUser[] = [];
  const started = performance.now();
  const resume = async (): Promise<number> => {
    const failures: string[] = [];
    for (const user of paused.splice(0)) {
      // An unpause is retried: leaving a service frozen is worse than a slow return.
      let lastError: unknown;
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          await engine.json('POST', `/containers/${user.id}/unpause`, undefined, 10_000);
          lastError = undefined;
          break;
        } catch (error) {
          lastError = error;
          if ((error as { status?: number }).status === 409 || (error as { status?: number }).status === 404) { lastError = undefined; break; }
        }
      }
      if (lastError) failures.push(`${user.name}: ${(lastError as Error).message}`);
    }
    if (failures.length > 0) throw new Error(`could not unpause ${failures.join('; ')} (run docker unpause)`);
    return Math.round(performance.now() - started);
  };
  try {
    for (const user of users.filter((u) => u.state === 'running')) {
      await pauseOne(engine, user);
      paused.push(user);
    }
  } catch (error) {
    await resume().catch(() => undefined);
    throw error;
  }
  return { names: paused.map((u) => u.name), resume };
}

/** The freezer can fail while processes are being created (a database starting up): retry. */
async function pauseOne(engine: StreamEngine, user: VolumeUser): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await engine.json('POST', `/containers/${user.id}/pause`, undefined, 10_000);
      return;
    } catch (error) {
      if (attempt >= 10 || !/unable to freeze/.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}
