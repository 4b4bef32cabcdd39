// `compose-guard status [--json]`: the post-deploy data check. For the project here (resolved as
// the judge resolves `docker compose down -v`): each volume with its engine name, whether it
// exists, the containers using it, its size, whether it is empty and its newest snapshot's age;
// services whose image declares a VOLUME that no named volume or bind covers; the project's own
// `checks:`. Exit 1 when a volume is missing, empty while its newest snapshot is not, or a check
// fails.
import type { CliIo } from '../cli/io.js';
import { EXIT_GO, EXIT_PROBLEM } from '../cli/exit-codes.js';
import { judgeCommand, toolCommand } from '../cli/commands/judge-command.js';
import type { ParsedArgs } from '../cli/spec/types.js';
import { toolContext } from './context.js';
import { runChecks, unmappedVolumes, type CheckOutcome, type Unmapped } from './status-probes.js';
import { inspectVolume, volumeUsers } from './snapshot/helper.js';
import { humanAge, humanBytes } from './snapshot/progress.js';
import { newestFirst } from './snapshot/store.js';
import { countVolume } from './snapshot/volume-content.js';
import { volumeSizeMap } from '../daemon/engine.js';

export interface VolumeStatus {
  name: string;
  key?: string;
  services: string[];
  exists: boolean;
  containers: string[];
  size: number | null;
  empty: boolean | null;
  newestSnapshot: { id: string; time: string; ageSeconds: number; bytes: number; files: number } | null;
  problem: string | null;
}

export async function statusCommand(io: CliIo, args: ParsedArgs): Promise<number> {
  const json = args.values.json === true;
  const { tool, argv } = toolCommand(args.command ?? ['docker', 'compose', 'down', '-v']);
  try {
    const j = await judgeCommand(io, tool, argv, { interactive: false });
    const project = j.resolution.project;
    if (!project) throw new Error(`no Compose project here (${[...j.resolution.uncertainties, ...j.analysis.uncertainties].join('; ') || 'nothing to resolve'})`);
    const ctx = toolContext(io, project.workingDir);
    const engine = ctx.engine();
    const snapshots = newestFirst(await ctx.store.list().catch(() => []));
    const sizes = volumeSizeMap(await engine.json<unknown>('GET', '/system/df', undefined, 30_000));
    const volumes: VolumeStatus[] = [];
    for (const v of j.resolution.volumes) {
      const exists = (await inspectVolume(engine, v.name)) !== undefined;
      const users = exists ? await volumeUsers(engine, v.name) : [];
      const size = sizes.get(v.name);
      const empty = !exists ? null : size !== undefined && size > 0 ? false : (await countVolume(engine, v.name)).entries === 0;
      const snap = snapshots.find((m) => m.volumes.some((r) => r.name === v.name));
      const record = snap?.volumes.find((r) => r.name === v.name);
      const newestSnapshot = snap && record ? { id: snap.id, time: snap.time, ageSeconds: Math.round((io.now().getTime() - Date.parse(snap.time)) / 1000), bytes: record.bytes, files: record.files } : null;
      const problem = !exists ? 'missing' : empty && record && record.files > 0 ? `empty, while snapshot ${snap!.id} holds ${record.files} files` : null;
      volumes.push({ name: v.name, key: v.key, services: v.services, exists, containers: users.map((u) => u.name), size: size ?? null, empty, newestSnapshot, problem });
    }
    const unmapped = await unmappedVolumes(engine, project.name);
    const checks = await runChecks(engine, project.name, ctx.policy.files.flatMap((f) => f.checks));
    const healthy = volumes.every((v) => !v.problem) && checks.every((c) => c.ok);
    if (json) io.stdout(`${JSON.stringify({ project: project.name, workingDir: project.workingDir, healthy, volumes, unmappedVolumes: unmapped, checks }, null, 2)}\n`);
    else io.stdout(render(project.name, volumes, unmapped, checks, healthy));
    return healthy ? EXIT_GO : EXIT_PROBLEM;
  } catch (error) {
    io.stderr(`compose-guard status: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_PROBLEM;
  }
}

function render(project: string, volumes: VolumeStatus[], unmapped: Unmapped[], checks: CheckOutcome[], healthy: boolean): string {
  const lines = [`project ${project}: ${healthy ? 'ok' : 'PROBLEMS'}`];
  for (const v of volumes) {
    const facts = v.exists
      ? [v.size !== null ? humanBytes(v.size) : 'size unknown', v.empty ? 'EMPTY' : '', v.containers.length ? `used by ${v.containers.join(', ')}` : 'unused',
        v.newestSnapshot ? `newest snapshot ${humanAge(v.newestSnapshot.ageSeconds * 1000)} old (${v.newestSnapshot.id})` : 'no snapshot']
      : ['MISSING', v.newestSnapshot ? `newest snapshot ${humanAge(v.newestSnapshot.ageSeconds * 1000)} old (${v.newestSnapshot.id})` : 'no snapshot'];
    lines.push(`  ${v.problem ? '!' : ' '} ${v.name}${v.key ? ` (${v.key})` : ''}: ${facts.filter(Boolean).join('; ')}`);
  }
  for (const u of unmapped) lines.push(`  ! ${u.service}: its image declares VOLUME ${u.path}, kept in an anonymous volume (down -v removes it, down + up orphans it); map it to a named volume`);
  for (const c of checks) lines.push(`  ${c.ok ? ' ' : '!'} check in ${c.service}: ${c.command}: ${c.ok ? 'ok' : 'FAILED'} (${c.detail})`);
  return `${lines.join('\n')}\n`;
}
