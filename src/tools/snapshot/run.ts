// Snapshotting the volumes a judged command would destroy, for the shim ("snapshot first, then
// go") and for `compose-guard snapshot`. Ctrl-C, SIGTERM or SIGHUP abort the copy: containers
// are unpaused, nothing is committed, and the command does not run.
import type { CliIo } from '../../cli/io.js';
import type { Judgement } from '../../judge.js';
import { snapshotPlace } from '../../policy/snapshots.js';
import { commandLine } from '../../cli/report.js';
import { engineFor } from '../engine-connect.js';
import { EngineError } from '../engine-stream.js';
import { openStore } from './open-store.js';
import { humanBytes } from './progress.js';
import { takeSnapshot, type Taken } from './take.js';

/** The volumes a command would destroy that are worth a copy: named ones and anonymous ones. */
export function volumesOf(j: Judgement): Array<{ name: string; services: string[] }> {
  const named = j.resolution.volumes.filter((v) => v.exists !== false).map((v) => ({ name: v.name, services: v.services }));
  return [...named, ...j.resolution.anonymousVolumes.filter((a) => !named.some((n) => n.name === a)).map((name) => ({ name, services: [] }))];
}

export async function snapshotJudged(io: CliIo, j: Judgement, reason: string, command = [j.analysis.tool, ...j.analysis.argv]): Promise<Taken> {
  const engine = engineFor(j.target, io.env);
  const store = openStore(snapshotPlace(j.policy, io.env, io.user.uid), io.env, io.hostname);
  const controller = new AbortController();
  const stop = (signal: string) => () => controller.abort(new Error(`interrupted (${signal})`));
  const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((s) => [s, stop(s)] as const);
  for (const [s, h] of handlers) process.on(s, h);
  try {
    return await takeSnapshot({
      engine, store, volumes: volumesOf(j), project: j.resolution.project?.name ?? null,
      command, reason, host: io.hostname, now: io.now(), keep: snapshotPlace(j.policy, io.env, io.user.uid).keep,
      signal: controller.signal, progress: io.stderrIsTty ? io.stderr : undefined,
    });
  } catch (error) {
    throw controller.signal.aborted ? (controller.signal.reason as Error) : error;
  } finally {
    for (const [s, h] of handlers) process.off(s, h);
  }
}

export function describeTaken(taken: Taken, location: string): string {
  const m = taken.manifest;
  const lines = [`compose-guard: snapshot ${m.id} taken and verified in ${location}`];
  for (const v of m.volumes) lines.push(`  ${v.name}: ${v.files} files, ${humanBytes(v.bytes)} -> ${humanBytes(v.storedBytes)} stored; ${v.consistency}`);
  for (const s of taken.skipped) lines.push(`  ${s}: not on the engine, nothing to copy`);
  if (taken.pruned.length > 0) lines.push(`  pruned: ${taken.pruned.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/**
 * The shim's step before a permitted destroy: the snapshot's id, or why it failed (the command
 * stops), or a note when no engine listens at all: then the command cannot destroy anything
 * there either, and there is nothing to copy.
 */
export async function snapshotBeforeDestroy(io: CliIo, j: Judgement, why: string): Promise<{ id?: string; error?: string; note?: string }> {
  try {
    if (j.target.endpoint) {
      const absent = await engineFor(j.target, io.env).json('GET', '/_ping', undefined, 5000).then(() => undefined, (e: unknown) => (e instanceof EngineError && e.absent ? e : undefined));
      if (absent) {
        const note = `no engine answers at ${j.target.endpoint} (${absent.code}); nothing to copy, and nothing there to destroy`;
        io.stderr(`compose-guard: no snapshot: ${note}\n`);
        return { note };
      }
    }
    const taken = await snapshotJudged(io, j, why);
    io.stderr(describeTaken(taken, openStore(snapshotPlace(j.policy, io.env, io.user.uid), io.env, io.hostname).location));
    return { id: taken.manifest.id };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`compose-guard: stopped ${commandLine(j)}: the snapshot before it failed: ${message}\n`
      + '  Nothing was destroyed; no partial snapshot was kept. Fix the cause, or skip the snapshot deliberately:\n'
      + `    compose-guard allow-once --no-snapshot --reason "why" -- ${commandLine(j)}\n`);
    return { error: message };
  }
}
