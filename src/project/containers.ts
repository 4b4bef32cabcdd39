// `docker rm -v CTR` deletes only the anonymous volumes of the containers it removes. The engine
// is asked which those are, exactly as the authorization plugin asks (daemon/plugin/containers.ts):
// with none, the command destroys nothing and goes ahead anywhere.
import type { Engine } from '../daemon/engine.js';
import { ANONYMOUS_NAME, anonymousVolumesOf as ofOne } from '../daemon/plugin/containers.js';

/** A 64-hex volume name is one the engine made up for an anonymous volume. */
export function isAnonymousName(name: string | undefined): name is string {
  return name !== undefined && ANONYMOUS_NAME.test(name);
}

export async function anonymousVolumesOf(refs: readonly string[], engine: Engine): Promise<{ anonymous: string[] }> {
  const each = await Promise.all(refs.map((ref) => ofOne(engine, ref)));
  return { anonymous: [...new Set(each.flat())] };
}
