// The anonymous volumes `DELETE /containers/{ref}?v=1` would delete. dockerd removes a removed
// container's volume mounts that were not given a source (daemon/mounts.go removeMountPoints):
// the anonymous ones, which always carry a generated 64-hex name. The engine's list filters
// match by regular expression, so the list is a superset; the container Docker would pick is
// then chosen by Docker's own order: full ID, exact name, unique ID prefix.
import type { Engine, EngineContainer } from '../engine.js';

export const ANONYMOUS_NAME = /^[0-9a-f]{64}$/;

export function pickContainer(candidates: EngineContainer[], ref: string): EngineContainer | undefined {
  const byId = candidates.find((c) => c.Id === ref);
  if (byId) return byId;
  const name = ref.startsWith('/') ? ref : `/${ref}`;
  const byName = candidates.find((c) => c.Names.includes(name));
  if (byName) return byName;
  const byPrefix = candidates.filter((c) => ref !== '' && c.Id.startsWith(ref));
  // An ambiguous prefix is refused by the engine; every candidate counts, to be safe.
  if (byPrefix.length > 1) return { ...byPrefix[0]!, Mounts: byPrefix.flatMap((c) => c.Mounts) };
  return byPrefix[0];
}

export async function anonymousVolumesOf(engine: Engine, ref: string): Promise<string[]> {
  const filter = ref.startsWith('/') ? ref.slice(1) : ref;
  const [byId, byName] = await Promise.all([engine.containers({ id: [filter] }), engine.containers({ name: [filter] })]);
  const container = pickContainer([...byId, ...byName], ref);
  if (!container) return [];
  return [...new Set(container.Mounts.filter((m) => m.Type === 'volume' && m.Name && ANONYMOUS_NAME.test(m.Name)).map((m) => m.Name as string))];
}
