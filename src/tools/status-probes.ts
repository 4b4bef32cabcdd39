// What `status` asks the engine beyond the volumes: image VOLUMEs left to anonymous volumes, and
// the project's data checks run in its services' running containers.
import type { DataCheck } from '../policy/file.js';
import { quote } from 'shell-quote';
import type { StreamEngine } from './engine-stream.js';
import { execIn } from './engine-exec.js';

export interface Unmapped {
  service: string;
  container: string;
  path: string;
}

export interface CheckOutcome {
  service: string;
  command: string;
  ok: boolean;
  detail: string;
}

interface ProjectContainer {
  Id: string;
  Names: string[];
  Image: string;
  State: string;
  Labels: Record<string, string>;
  Mounts: Array<{ Type: string; Name?: string; Destination: string }>;
}

async function projectContainers(engine: StreamEngine, project: string): Promise<ProjectContainer[]> {
  const filters = encodeURIComponent(JSON.stringify({ label: [`com.docker.compose.project=${project}`] }));
  return engine.json<ProjectContainer[]>('GET', `/containers/json?all=1&filters=${filters}`);
}

const ANONYMOUS = /^[0-9a-f]{64}$/;

export async function unmappedVolumes(engine: StreamEngine, project: string): Promise<Unmapped[]> {
  const found: Unmapped[] = [];
  const images = new Map<string, string[]>();
  for (const c of await projectContainers(engine, project)) {
    if (!images.has(c.Image)) {
      const image = await engine.json<{ Config?: { Volumes?: Record<string, unknown> | null } }>('GET', `/images/${encodeURIComponent(c.Image)}/json`).catch(() => undefined);
      images.set(c.Image, Object.keys(image?.Config?.Volumes ?? {}));
    }
    const service = c.Labels['com.docker.compose.service'] ?? c.Names[0] ?? c.Id;
    for (const path of images.get(c.Image) ?? []) {
      const mount = c.Mounts.find((m) => m.Destination === path);
      const kept = mount && (mount.Type === 'bind' || (mount.Type === 'volume' && mount.Name && !ANONYMOUS.test(mount.Name)));
      if (!kept && !found.some((f) => f.service === service && f.path === path)) found.push({ service, container: (c.Names[0] ?? c.Id).replace(/^\//, ''), path });
    }
  }
  return found;
}

export async function runChecks(engine: StreamEngine, project: string, checks: DataCheck[]): Promise<CheckOutcome[]> {
  if (checks.length === 0) return [];
  const containers = await projectContainers(engine, project);
  const outcomes: CheckOutcome[] = [];
  for (const check of checks) {
    const command = typeof check.command === 'string' ? check.command : quote(check.command);
    const container = containers.find((c) => c.Labels['com.docker.compose.service'] === check.service && c.State === 'running');
    if (!container) {
      outcomes.push({ service: check.service, command, ok: false, detail: 'no running container of the service' });
      continue;
    }
    const argv = typeof check.command === 'string' ? ['sh', '-c', check.command] : check.command;
    try {
      const result = await execIn(engine, container.Id, argv);
      const printed = result.stdout.trim();
      if (result.exitCode !== 0) outcomes.push({ service: check.service, command, ok: false, detail: `status ${result.exitCode}: ${(result.stderr || printed).trim().split('\n')[0] ?? ''}` });
      else if (check.above !== undefined) {
        const value = Number(printed);
        const ok = printed !== '' && Number.isFinite(value) && value > check.above;
        outcomes.push({ service: check.service, command, ok, detail: `printed ${JSON.stringify(printed)}, must be a number above ${check.above}` });
      } else outcomes.push({ service: check.service, command, ok: true, detail: 'status 0' });
    } catch (error) {
      outcomes.push({ service: check.service, command, ok: false, detail: error instanceof Error ? error.message : String(error) });
    }
  }
  return outcomes;
}
