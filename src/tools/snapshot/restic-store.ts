// The restic store: the same tar streams go into a restic repository (any back-end restic
// knows: a path, sftp:, rest:, s3:), which brings deduplication across snapshots, encryption and
// `restic check --read-data`. One restic snapshot per volume and one for the manifest, all
// tagged with the compose-guard snapshot id; the manifest is written last, so a snapshot counts
// only when it is complete. restic snapshots cannot change: a verification is recorded by
// writing the manifest again (a new manifest snapshot, complete or absent) and only then
// forgetting the one before; were that forget cut short, the list keeps the newest.
import { spawn } from 'node:child_process';
import { PassThrough, Readable } from 'node:stream';
import type { Env } from '../../host.js';
import type { SnapshotPlace } from '../../policy/snapshots.js';
import { sha256Of } from './hash-tap.js';
import { runCheck } from './restic-check.js';
import { credentialSource, resticEnvironment } from './restic-env.js';
import { credentialRefusal, CredentialsRefused, refusedRetry } from './restic-refusal.js';
import { withoutCpuLimit } from './no-cpu-limit.js';
import type { Manifest, SnapshotStore, SnapshotWriter } from './store.js';

type Repository = NonNullable<SnapshotPlace['repository']>;

interface ResticSnapshot {
  id: string;
  time: string;
  tags?: string[];
}

const manifestTags = (id: string): string[] => ['compose-guard-manifest', `compose-guard-id:${id}`];

interface Run {
  stdout: Readable;
  done: Promise<string>;
}

export function resticStore(repo: Repository, env: Env, host: string): SnapshotStore {
  let resolvedEnv: Record<string, string | undefined> | undefined;
  // Read when restic first runs (the environment file may be unreadable: that is the snapshot's error).
  const childEnv = () => (resolvedEnv ??= resticEnvironment(repo, env));
  const refused = (reason: string) => new CredentialsRefused(`${repo.url} refused the credentials restic was given (from ${credentialSource(repo)}): ${reason}`);
  const options = repo.options.flatMap((o) => ['-o', o]);
  const start = (args: string[], stdin?: Readable): Run => {
    const [file, argv] = withoutCpuLimit(['restic', ...options, '--no-cache', ...args]);
    const child = spawn(file, argv, { env: childEnv(), stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let refusal: string | undefined;
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      // A refused key is refused again on every retry: stop restic at the first one.
      if (refusal === undefined && (refusal = refusedRetry(stderr)) !== undefined) child.kill();
    });
    if (stdin && child.stdin) {
      stdin.on('error', () => child.kill());
      child.stdin.on('error', () => undefined);
      stdin.pipe(child.stdin);
    }
    const done = new Promise<string>((resolve, reject) => {
      child.on('error', (e) => reject(new Error(`restic could not run: ${e.message}`)));
      child.on('close', (code) => {
        if (code === 0 && refusal === undefined) return resolve(stderr);
        const reason = refusal ?? credentialRefusal(stderr);
        reject(reason !== undefined ? refused(reason) : new Error(`restic ${args[0]} failed (status ${code}): ${stderr.trim().split('\n').slice(-3).join(' ')}`));
      });
    });
    return { stdout: child.stdout!, done };
  };
  const collect = async (args: string[], stdin?: Readable): Promise<string> => {
    const run = start(args, stdin);
    let out = '';
    run.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    await run.done;
    return out;
  };
  const dump = (stored: string): Readable => {
    const [id, file] = stored.split(':') as [string, string];
    const run = start(['dump', id, file]);
    // The stream ends only once restic has exited well: a dump that fails part way (a damaged
    // pack) is an error for the reader, never a shorter stream that looks complete.
    const out = new PassThrough();
    run.stdout.pipe(out, { end: false });
    run.stdout.on('end', () => run.done.then(() => out.end(), (e: Error) => out.destroy(e)));
    run.done.catch((e: Error) => out.destroy(e));
    return out;
  };
  const backup = async (file: string, tags: string[], stdin: Readable): Promise<{ id: string; added: number }> => {
    const out = await collect(['backup', '--json', '--host', host, '--stdin', '--stdin-filename', file, ...tags.flatMap((t) => ['--tag', t])], stdin);
    const summary = out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { message_type?: string; snapshot_id?: string; data_added?: number })
      .find((m) => m.message_type === 'summary');
    if (!summary?.snapshot_id) throw new Error('restic backup gave no snapshot id');
    return { id: summary.snapshot_id, added: summary.data_added ?? 0 };
  };
  const ensureRepository = async (): Promise<void> => {
    try {
      await collect(['cat', 'config']);
    } catch (error) {
      if (error instanceof CredentialsRefused || !/Is there a repository|does not exist|no such file/i.test((error as Error).message)) throw error;
      await collect(['init']);
    }
  };
  /** The restic snapshots holding each snapshot's manifest, as last listed (oldest first). */
  const manifestSnapshots = new Map<string, string[]>();
  const manifestSnapshotIds = async (id: string): Promise<string[]> => {
    const tagged = JSON.parse(await collect(['snapshots', '--json', '--tag', `compose-guard-id:${id}`])) as ResticSnapshot[] ?? [];
    return tagged.filter((s) => s.tags?.includes('compose-guard-manifest')).map((s) => s.id);
  };
  return {
    location: repo.url,
    kind: 'restic',
    async begin(id): Promise<SnapshotWriter> {
      await ensureRepository();
      const written: string[] = [];
      return {
        async writeVolume(volume, tar) {
          const file = `/${volume}.tar`;
          const { id: snap, added } = await backup(file, ['compose-guard', `compose-guard-id:${id}`], tar);
          written.push(snap);
          return { storedBytes: added, stored: `${snap}:${file}` };
        },
        async verify(stored, tarSha256) {
          const readBack = await sha256Of(dump(stored));
          if (readBack !== tarSha256) throw new Error(`${stored} reads back from restic with another sha256 (${readBack.slice(0, 12)}…, expected ${tarSha256.slice(0, 12)}…)`);
        },
        async commit(manifest) {
          await backup('/manifest.json', manifestTags(id), Readable.from([Buffer.from(JSON.stringify(manifest))]));
        },
        abort: async () => {
          if (written.length > 0) await collect(['forget', ...written]);
        },
      };
    },
    async list() {
      let snaps: ResticSnapshot[];
      try {
        snaps = JSON.parse(await collect(['snapshots', '--json', '--tag', 'compose-guard-manifest'])) as ResticSnapshot[] ?? [];
      } catch (error) {
        if (!(error instanceof CredentialsRefused) && /Is there a repository|does not exist/i.test((error as Error).message)) return [];
        throw error;
      }
      // Oldest first, so that of two manifests of one snapshot (a record whose forget was cut
      // short) the newest written is the one kept.
      const byId = new Map<string, Manifest>();
      manifestSnapshots.clear();
      for (const s of (snaps ?? []).sort((a, b) => Date.parse(a.time) - Date.parse(b.time) || a.time.localeCompare(b.time))) {
        const m = JSON.parse(await collect(['dump', s.id, '/manifest.json'])) as Manifest;
        manifestSnapshots.set(m.id, [...(manifestSnapshots.get(m.id) ?? []), s.id]);
        byId.set(m.id, m);
      }
      return [...byId.values()].sort((a, b) => b.time.localeCompare(a.time));
    },
    read: async (manifest, volume) => {
      const record = manifest.volumes.find((v) => v.name === volume);
      if (!record) throw new Error(`snapshot ${manifest.id} holds no volume ${volume}`);
      return dump(record.stored);
    },
    async remove(manifest) {
      const ids = [...manifest.volumes.map((v) => v.stored.split(':')[0] as string), ...(manifestSnapshots.get(manifest.id) ?? [])];
      await collect(['forget', '--prune', ...ids]);
    },
    // The old manifest snapshots are forgotten without a prune (their few bytes go at the next
    // remove's prune): a prune takes the repository's exclusive lock and may repack.
    async record(manifest, verification) {
      const before = manifestSnapshots.get(manifest.id) ?? await manifestSnapshotIds(manifest.id);
      const { id: written } = await backup('/manifest.json', manifestTags(manifest.id), Readable.from([Buffer.from(JSON.stringify({ ...manifest, verification }))]));
      const old = before.filter((s) => s !== written);
      if (old.length > 0) await collect(['forget', ...old]);
      manifestSnapshots.set(manifest.id, [written]);
    },
    // restic keeps no sizes of its own to compare; its check reads every pack back.
    storedProblems: async () => [],
    checkStore: async (deadlineMs) => runCheck(withoutCpuLimit(['restic', ...options, '--no-cache', 'check', '--read-data']), childEnv(), deadlineMs),
  };
}
