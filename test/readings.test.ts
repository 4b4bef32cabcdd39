// Several readings of one command line combine into the wider answer.
import { describe, expect, it } from 'vitest';
import { emptyAnalysis, type CommandAnalysis, type Operation } from '../src/grammar/command.js';
import { mergeAnalyses, mergeResolutions, unionTags, withoutHarmless } from '../src/readings.js';
import { emptyResolution, type Resolution } from '../src/project/volumes.js';

const down: Operation = { kind: 'compose-down-volumes', summary: 'compose down --volumes', reaches: 'named', sites: [{ at: 3 }] };
const rmv: Operation = { kind: 'compose-rm-volumes', summary: 'compose rm --volumes', reaches: 'anonymous', sites: [{ at: 2 }] };

function reading(ops: Operation[], extra: Partial<CommandAnalysis> = {}): CommandAnalysis {
  return { ...emptyAnalysis('docker-compose', ['down', '-v']), operations: ops, ...extra };
}

function resolution(extra: Partial<Resolution>): Resolution {
  return { ...emptyResolution(), ...extra };
}

describe('mergeAnalyses', () => {
  it('keeps a single reading as it is', () => {
    const one = reading([down], { uncertainties: ['u'] });
    expect(mergeAnalyses([one])).toEqual(one);
  });

  it('unites operations by kind, with every reading\'s flag sites once', () => {
    const merged = mergeAnalyses([
      reading([down]),
      reading([{ ...down, sites: [{ at: 3 }, { at: 1, span: [1, 2] }] }, rmv]),
      reading([{ ...down, sites: [{ at: 1, span: [1, 2] }] }]),
    ]);
    expect(merged.operations.map((o) => o.kind)).toEqual(['compose-down-volumes', 'compose-rm-volumes']);
    expect(merged.operations[0]?.sites).toEqual([{ at: 3 }, { at: 1, span: [1, 2] }]);
  });

  it('keeps the same index with another span as a separate site', () => {
    const merged = mergeAnalyses([reading([{ ...down, sites: [{ at: 1, span: [1, 2] }] }]), reading([{ ...down, sites: [{ at: 1, span: [2, 3] }] }])]);
    expect(merged.operations[0]?.sites).toHaveLength(2);
  });

  it('keeps every doubt and note, and the first compose invocation and command index found', () => {
    const compose = { generation: 'v1' as const, subcommand: 'down', files: [], envFiles: [], profiles: [], services: [], allResources: false };
    const merged = mergeAnalyses([
      reading([], { uncertainties: ['a'], notes: ['n1'] }),
      reading([], { uncertainties: ['b'], notes: ['n2'], compose, commandAt: 0 }),
      reading([], { compose: { ...compose, generation: 'v2' }, commandAt: 4 }),
    ]);
    expect(merged.uncertainties).toEqual(['a', 'b']);
    expect(merged.notes).toEqual(['n1', 'n2']);
    expect(merged.compose?.generation).toBe('v1');
    expect(merged.commandAt).toBe(0);
  });

  it('does not change the readings it merges', () => {
    const first = reading([down]);
    const copy = structuredClone(first);
    mergeAnalyses([first, reading([{ ...down, sites: [{ at: 9 }] }])]);
    expect(first).toEqual(copy);
  });
});

describe('mergeResolutions', () => {
  it('unites volumes by name and anonymous volumes, keeps every doubt and note', () => {
    const merged = mergeResolutions([
      resolution({ project: { name: 'shop', workingDir: '/srv/shop', mode: 'file' }, volumes: [{ name: 'shop_db', services: ['db'], reason: 'a' }], anonymousVolumes: ['a1'], uncertainties: ['u1'], notes: ['n1'], harmless: ['compose-rm-volumes'] }),
      resolution({ project: { name: 'other', workingDir: null, mode: 'name' }, volumes: [{ name: 'shop_db', services: [], reason: 'b' }, { name: 'shop_cache', services: [], reason: 'c' }], anonymousVolumes: ['a1', 'a2'], uncertainties: ['u2'], notes: ['n2'], harmless: ['compose-rm-volumes'], policyDir: '/srv' }),
    ]);
    expect(merged.project?.name).toBe('shop');
    expect(merged.policyDir).toBe('/srv');
    expect(merged.volumes.map((v) => [v.name, v.reason])).toEqual([['shop_db', 'a'], ['shop_cache', 'c']]);
    expect(merged.anonymousVolumes).toEqual(['a1', 'a2']);
    expect(merged.uncertainties).toEqual(['u1', 'u2']);
    expect(merged.notes).toEqual(['n1', 'n2']);
    expect(merged.harmless).toEqual(['compose-rm-volumes']);
  });

  it('of nothing is the empty resolution', () => {
    expect(mergeResolutions([])).toEqual(emptyResolution());
  });
});

describe('withoutHarmless', () => {
  const v1 = reading([down, rmv]);
  const v2 = reading([rmv]);

  it('drops an operation every reading that found it shows harmless', () => {
    const merged = mergeAnalyses([v1, v2]);
    const out = withoutHarmless(merged, [v1, v2], [resolution({ harmless: ['compose-rm-volumes'] }), resolution({ harmless: ['compose-rm-volumes'] })]);
    expect(out.operations.map((o) => o.kind)).toEqual(['compose-down-volumes']);
  });

  it('keeps it when one reading that found it could not show it harmless', () => {
    const merged = mergeAnalyses([v1, v2]);
    const out = withoutHarmless(merged, [v1, v2], [resolution({ harmless: ['compose-rm-volumes'] }), resolution({})]);
    expect(out).toBe(merged);
  });

  it('keeps everything when the resolutions do not match the readings one to one (a timeout)', () => {
    const merged = mergeAnalyses([v1, v2]);
    expect(withoutHarmless(merged, [v1, v2], [resolution({ harmless: ['compose-rm-volumes', 'compose-down-volumes'] })])).toBe(merged);
  });
});

describe('unionTags', () => {
  it('keeps each tag once per origin, in order of first appearance', () => {
    const prod = { tag: 'production', from: 'host file' };
    expect(unionTags([[prod, { tag: 'ci', from: 'env' }], [{ ...prod }, { tag: 'production', from: 'target' }], []]))
      .toEqual([prod, { tag: 'ci', from: 'env' }, { tag: 'production', from: 'target' }]);
  });
});
