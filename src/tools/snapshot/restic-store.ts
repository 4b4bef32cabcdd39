// The restic store: the same tar streams go into a restic repository (any back-end restic
// knows: a path, sftp:, rest:, s3:), which brings deduplication across snapshots, encryption and
// `restic check --read-data`. One restic snapshot per volume and one for the manifest, all
// tagged with the compose-guard snapshot id; the manifest is written last, so a snapshot counts
// only when it is complete.
import { spawn } from 'node:child_process';
import { PassThrough, Readable } from 'node:stream';
import type { Env } from '../../host.js';
import type { SnapshotPlace } from '../../policy/snapshots.js';
import { sha256Of } from './hash-tap.js';
import { runCheck } from './restic-check.js';
import { withoutCpuLimit } from './no-cpu-limit.js';
import type { Manifest, SnapshotStore, SnapshotWriter } from './store.js';

type Repository = NonNullable<SnapshotPlace['repository']>;

interface Run {
  stdout: Readable;
  done: Promise<string>;
}

export function resticStore(repo: Repository, env: Env, host: string): SnapshotStore {
  const childEnv = { ...env, RESTIC_REPOSITORY: repo.url, ...(repo.passwordFile ? { RESTIC_PASSWORD_FILE: repo.passwordFile } : {}) };
  const options = repo.options.flatMap((o) => ['-o', o]);
  const start = (args: string[], stdin?: Readable): Run => {
    const [file, argv] = withoutCpuLimit(['restic', ...options, '--no-cache', ...args]);
    const child = spawn(file, argv, { env: childEnv, stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
    if (stdin && child.stdin) {
      stdin.on('error', () => child.kill());
      child.stdin.on('error', () => undefined);
      stdin.pipe(child.stdin);
    }
    const done = new Promise<string>((resolve, reject) => {
      child.on('error', (e) => reject(new Error(`restic could not run: ${e.message}`)));
      child.on('close', (code) => (code === 0 ? resolve(stderr) : reject(new Error(`restic ${args[0]} failed (status ${code}): ${stderr.trim().split('\n').slice(-3).join(' ')}`))));
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
      if (!/Is there a repository|does not exist|no such file/i.test((error as Error).message)) throw error;
      await collect(['init']);
    }
  };
  const manifestSnapshots = new Map<string, string>();
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
          await backup('/manifest.json', ['compose-guard-manifest', `compose-guard-id:${id}`], Readable.from([Buffer.from(JSON.stringify(manifest))]));
        },
        abort: async () => {
          if (written.length > 0) await collect(['forget', ...written]);
        },
      };
    },
    async list() {
      let snaps: Array<{ short_id: string; id: string }>;
      try {
        snaps = JSON.parse(await collect(['snapshots', '--json', '--tag', 'compose-guard-manifest'])) as Array<{ short_id: string; id: string }> ?? [];
      } catch (error) {
        if (/Is there a repository|does not exist/i.test((error as Error).message)) return [];
        throw error;
      }
      const manifests: Manifest[] = [];
      for (const s of snaps ?? []) {
        const m = JSON.parse(await collect(['dump', s.id, '/manifest.json'])) as Manifest;
        manifestSnapshots.set(m.id, s.id);
        manifests.push(m);
      }
      return manifests.sort((a, b) => b.time.localeCompare(a.time));
    },
    read: async (manifest, volume) => {
      const record = manifest.volumes.find((v) => v.name === volume);
      if (!record) throw new Error(`snapshot ${manifest.id} holds no volume ${volume}`);
      return dump(record.stored);
    },
    async remove(manifest) {
      const ids = [...manifest.volumes.map((v) => v.stored.split(':')[0] as string), ...(manifestSnapshots.has(manifest.id) ? [manifestSnapshots.get(manifest.id) as string] : [])];
      await collect(['forget', '--prune', ...ids]);
    },
    // restic keeps no sizes of its own to compare; its check reads every pack back.
    storedProblems: async () => [],
    checkStore: (deadlineMs) => runCheck(withoutCpuLimit(['restic', ...options, '--no-cache', 'check', '--read-data']), childEnv, deadlineMs),
  };
}
