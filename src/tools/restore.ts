// `compose-guard restore SNAPSHOT [--volume NAME] [--force]`: checks each volume's sha256 before
// writing anything, re-creates the volume with its driver, options and labels (so Compose adopts
// it on the next `up`), refuses a volume that holds data unless --force, writes through the
// engine's archive endpoint, and checks files and bytes against the manifest.
import type { CliIo } from '../cli/io.js';
import { EXIT_GO, EXIT_PROBLEM } from '../cli/exit-codes.js';
import type { ParsedArgs } from '../cli/spec/types.js';
import type { StreamEngine } from './engine-stream.js';
import { findSnapshot, toolContext } from './context.js';
import { HashTap, sha256Of } from './snapshot/hash-tap.js';
import { createHelper, helperImage, inspectVolume, volumeUsers } from './snapshot/helper.js';
import { humanBytes, ProgressTap } from './snapshot/progress.js';
import type { Manifest, SnapshotStore, VolumeRecord } from './snapshot/store.js';
import { restoreTarget } from './snapshot/source.js';
import type { TarCount } from './snapshot/tar-count.js';
import { countAt, countVolume } from './snapshot/volume-content.js';

class Refused extends Error {}

export async function restoreCommand(io: CliIo, args: ParsedArgs): Promise<number> {
  const id = args.operands[0] as string;
  const only = typeof args.values.volume === 'string' ? [args.values.volume] : [];
  const force = args.values.force === true;
  try {
    const ctx = toolContext(io);
    const manifest = await findSnapshot(ctx.store, id);
    const missing = only.filter((n) => !manifest.volumes.some((v) => v.name === n));
    if (missing.length > 0) throw new Refused(`snapshot ${manifest.id} holds no volume ${missing.join(', ')} (it holds ${manifest.volumes.map((v) => v.name).join(', ')})`);
    const volumes = manifest.volumes.filter((v) => only.length === 0 || only.includes(v.name));
    for (const v of volumes) {
      const sum = await sha256Of(await ctx.store.read(manifest, v.name)).catch((error: unknown) => {
        throw new Refused(`${v.name} in snapshot ${manifest.id} is corrupted: it cannot be read back (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); nothing was written`);
      });
      if (sum !== v.sha256) throw new Refused(`${v.name} in snapshot ${manifest.id} is corrupted: sha256 ${sum.slice(0, 16)}…, the manifest says ${v.sha256.slice(0, 16)}…; nothing was written`);
    }
    const engine = ctx.engine();
    for (const v of volumes) await prepare(engine, v, force);
    const image = await helperImage(engine);
    for (const v of volumes) {
      const count = await write(io, engine, ctx.store, manifest, v, image);
      if (count.files !== v.files || count.bytes !== v.bytes) {
        throw new Error(`${v.name} holds ${count.files} files, ${count.bytes} bytes after the restore; the manifest says ${v.files} files, ${v.bytes} bytes`);
      }
      io.stderr(`compose-guard: restored ${v.name} from ${manifest.id}: ${v.files} files, ${humanBytes(v.bytes)}, sha256 and counts match\n`);
    }
    return EXIT_GO;
  } catch (error) {
    io.stderr(`compose-guard restore: ${error instanceof Refused ? 'refused: ' : ''}${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_PROBLEM;
  }
}

/** Creates the volume as it was; an existing one must be empty, or replaced with --force. */
async function prepare(engine: StreamEngine, v: VolumeRecord, force: boolean): Promise<void> {
  const existing = await inspectVolume(engine, v.name);
  if (existing) {
    const held = await countVolume(engine, v.name);
    if (held.entries === 0) return;
    if (!force) throw new Refused(`${v.name} exists and is not empty (${held.files} files, ${humanBytes(held.bytes)}); nothing was written. --force replaces it`);
    const users = await volumeUsers(engine, v.name);
    if (users.length > 0) throw new Refused(`${v.name} is used by ${users.map((u) => u.name).join(', ')}; remove those containers (docker compose down) and run restore again`);
    await engine.json('DELETE', `/volumes/${encodeURIComponent(v.name)}`);
  }
  await engine.json('POST', '/volumes/create', { Name: v.name, Driver: v.driver, DriverOpts: v.options, Labels: v.labels });
}

/** Writes the volume's archive through one helper and counts what the volume then holds through it. */
async function write(io: CliIo, engine: StreamEngine, store: SnapshotStore, manifest: Manifest, v: VolumeRecord, image: string): Promise<TarCount> {
  // The archive's top folder is where the volume was mounted when it was read: mounted there, the
  // volume receives exactly the archive's contents.
  const target = restoreTarget(v.root);
  const helper = await createHelper(engine, v.name, false, image, target.mount);
  try {
    const hash = new HashTap();
    const source = await store.read(manifest, v.name);
    const tar = source.pipe(hash).pipe(new ProgressTap(`restore ${v.name}`, v.bytes, io.stderrIsTty ? io.stderr : undefined));
    source.on('error', (e) => tar.destroy(e));
    await engine.upload(`/containers/${helper.id}/archive?path=${encodeURIComponent(target.put)}`, tar);
    if (hash.digest !== v.sha256) throw new Error(`${v.name} changed while it was read (sha256 ${hash.digest.slice(0, 16)}…)`);
    return await countAt(engine, helper.id, target.mount);
  } finally {
    await helper.remove().catch(() => undefined);
  }
}
