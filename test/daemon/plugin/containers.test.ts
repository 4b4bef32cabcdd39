import { describe, expect, it } from 'vitest';
import type { EngineContainer } from '../../../src/daemon/engine.js';
import { pickContainer } from '../../../src/daemon/plugin/containers.js';

const c = (id: string, name: string, anon: string): EngineContainer => ({ Id: id.padEnd(64, '0'), Names: [`/${name}`], Labels: {}, Mounts: [{ Type: 'volume', Name: anon, Destination: '/x' }] });
const web = c('abc1', 'web', 'a'.repeat(64));
const webapp = c('abc2', 'webapp', 'b'.repeat(64));
const db = c('def', 'abc1', 'c'.repeat(64));

describe('pickContainer: the container dockerd would remove', () => {
  it.each([
    ['a full ID', web.Id, web],
    ['a name before an ID prefix', 'abc1', db],
    ['a name with its slash', '/webapp', webapp],
    ['a unique ID prefix', 'abc2', webapp],
    ['nothing for an unknown reference', 'zzz', undefined],
    ['nothing for an empty reference', '', undefined],
  ])('%s', (_what, ref, expected) => {
    expect(pickContainer([web, webapp, db], ref)).toEqual(expected);
  });

  it('every candidate of an ambiguous prefix counts', () => {
    expect(pickContainer([web, webapp], 'abc')?.Mounts.map((m) => m.Name)).toEqual(['a'.repeat(64), 'b'.repeat(64)]);
  });
});
