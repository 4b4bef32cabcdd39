// Time bounds for the judge: a promise that must settle by a deadline, and file access that
// refuses to start another read once the deadline has passed (parsing is synchronous, so the
// deadline is checked between files rather than interrupting one).
import { CannotSee } from './errors.js';
import type { PolicyFs } from './policy/policy.js';

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.name && error.name !== 'Error' && !error.message.startsWith(error.name) ? `${error.name}: ${error.message}` : error.message;
  return String(error);
}

/** `work`'s value, or `instead(reason)` when it has not settled within `ms`. */
export async function withinDeadline<T>(work: Promise<T>, ms: number, instead: (reason: string) => T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(instead(`compose-guard could not finish judging within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** File access that stops reading once `deadline` (on `clock`) has passed. */
export function boundedInTime(fs: PolicyFs, deadline: number, clock: () => number): PolicyFs {
  const inTime = (file: string): void => {
    if (clock() > deadline) throw new CannotSee(`${file} was not read: the time for judging ran out`);
  };
  return {
    ...fs,
    read(file) {
      inTime(file);
      return fs.read(file);
    },
  };
}
