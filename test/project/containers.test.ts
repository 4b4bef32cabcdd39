// `docker rm -v CTR`: which anonymous volumes the containers named have, as the engine says.
import { describe, expect, it } from 'vitest';
import { anonymousVolumesOf, isAnonymousName } from '../../src/project/containers.js';
import type { EngineContainer } from '../../src/daemon/engine.js';
import { memoryEngine } from '../helpers/memory-engine.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const container = (id: string, name: string, mounts: EngineContainer['Mounts']): EngineContainer => ({ Id: id, Names: [`/${name}`], Labels: {}, Mounts: mounts });
const engine = memoryEngine([], [
  container('1111', 'web', [{ Type: 'volume', Name: A, Destination: '/cache' }, { Type: 'volume', Name: 'shop_db', Destination: '/db' }, { Type: 'bind', Destination: '/src' }]),
  container('2222', 'worker', [{ Type: 'volume', Name: A, Destination: '/cache' }, { Type: 'volume', Name: B, Destination: '/tmp' }]),
  container('3333', 'plain', []),
]);

describe('isAnonymousName', () => {
  it.each<[string | undefined, boolean]>([
    [A, true], ['A'.repeat(64), false], ['a'.repeat(63), false], ['shop_db', false], [undefined, false], [`${A}0`, false],
  ])('%s -> %s', (name, is) => {
    expect(isAnonymousName(name)).toBe(is);
  });
});

describe('anonymousVolumesOf', () => {
  it('gives the anonymous volumes of every container named, once each', async () => {
    expect(await anonymousVolumesOf(['web', '/worker', '3333'], engine)).toEqual({ anonymous: [A, B] });
  });

  it('finds none on a container without any, or one that does not exist', async () => {
    expect(await anonymousVolumesOf(['plain', 'ghost'], engine)).toEqual({ anonymous: [] });
    expect(await anonymousVolumesOf([], engine)).toEqual({ anonymous: [] });
  });

  it('passes an engine failure on', async () => {
    const failing = { volumes: async () => [], containers: async () => { throw new Error('engine down'); } };
    await expect(anonymousVolumesOf(['web'], failing)).rejects.toThrow('engine down');
  });
});
