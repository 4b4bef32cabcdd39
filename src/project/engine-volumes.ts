// The operations that delete only anonymous volumes (`docker rm -v`, `compose rm -v`, `up -V`),
// resolved by asking the engine which anonymous volumes the containers have: with none, the
// command destroys nothing and goes ahead anywhere; an engine that cannot say leaves the
// operation as it is (it destroys whatever anonymous volumes there are).
import type { ComposeInvocation, Operation } from '../grammar/command.js';
import { EngineUnreachable } from '../daemon/engine.js';
import { anonymousVolumesOf, isAnonymousName } from './containers.js';
import type { ResolveInputs, Resolution } from './volumes.js';

export const UNASKED_ANONYMOUS = 'the engine could not be asked which anonymous volumes the containers have, so they count as destroyed';
const PROJECT_LABEL = 'com.docker.compose.project';

function unasked(resolution: Resolution, error: unknown): void {
  if (!(error instanceof EngineUnreachable)) throw error;
  resolution.notes.push(`${UNASKED_ANONYMOUS} (${error.message})`);
}

function harmless(op: Operation, resolution: Resolution, where: string): void {
  resolution.harmless.push(op.kind);
  resolution.notes.push(`the engine shows no anonymous volumes on ${where}: \`${op.summary}\` deletes no volume`);
}

export async function containerAnonymous(op: Operation, inputs: ResolveInputs, resolution: Resolution): Promise<void> {
  const refs = op.containers ?? [];
  try {
    if (!inputs.engine) throw new EngineUnreachable('no engine client for this daemon');
    const found = await anonymousVolumesOf(refs, inputs.engine);
    resolution.anonymousVolumes.push(...found.anonymous.filter((v) => !resolution.anonymousVolumes.includes(v)));
    if (found.anonymous.length === 0) harmless(op, resolution, refs.join(', '));
  } catch (error) {
    unasked(resolution, error);
  }
}

type ComposeResolver = (inv: ComposeInvocation, op: Operation, inputs: ResolveInputs, resolution: Resolution) => Promise<void>;

/** compose rm -v / up -V: the project as Compose resolves it, then the engine's full answer on its containers. */
export async function composeAnonymous(op: Operation, inv: ComposeInvocation, inputs: ResolveInputs, resolution: Resolution, resolve: ComposeResolver): Promise<void> {
  const doubts = resolution.uncertainties.length;
  await resolve(inv, op, inputs, resolution);
  const project = resolution.project?.name;
  if (!project || resolution.uncertainties.length > doubts) return;
  try {
    if (!inputs.engine) throw new EngineUnreachable('no engine client for this daemon');
    const containers = await inputs.engine.containers({ label: [`${PROJECT_LABEL}=${project}`] });
    const services = new Set(inv.services);
    const anonymous = containers
      .filter((c) => services.size === 0 || services.has(c.Labels['com.docker.compose.service'] ?? ''))
      .flatMap((c) => c.Mounts.filter((m) => m.Type === 'volume' && isAnonymousName(m.Name)).map((m) => m.Name as string));
    resolution.anonymousVolumes.push(...anonymous.filter((v) => !resolution.anonymousVolumes.includes(v)));
    if (anonymous.length === 0) harmless(op, resolution, `project ${project}'s containers`);
  } catch (error) {
    unasked(resolution, error);
  }
}
