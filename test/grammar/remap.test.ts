// A reading of a rewritten argv, told in terms of the argv as typed.
import { describe, expect, it } from 'vitest';
import { emptyAnalysis, type CommandAnalysis } from '../../src/grammar/command.js';
import { identity, remapAnalysis, type Rewritten } from '../../src/grammar/remap.js';

const analysisOf = (argv: string[], extra: Partial<CommandAnalysis>): CommandAnalysis => ({ ...emptyAnalysis('docker', argv), ...extra });

describe('identity', () => {
  it('maps every word to itself, on a copy', () => {
    const typed = ['compose', 'down', '-v'];
    const r = identity(typed);
    expect(r).toEqual({ argv: typed, from: [0, 1, 2] });
    expect(r.argv).not.toBe(typed);
  });
});

describe('remapAnalysis', () => {
  // `docker-compose -H x down -v` run by the v2 binary reads as `docker -H x compose down -v`.
  const typed = ['-f', 'a.yml', 'down', '-v'];
  const rewritten: Rewritten = { argv: ['compose', '-f', 'a.yml', 'down', '-v'], from: [-1, 0, 1, 2, 3] };

  it('moves flag sites back to the typed argv and keeps the typed argv', () => {
    const a = analysisOf(rewritten.argv, { operations: [{ kind: 'compose-down-volumes', summary: 's', reaches: 'named', sites: [{ at: 4, span: [1, 2] }] }] });
    const out = remapAnalysis(a, rewritten, typed);
    expect(out.argv).toEqual(typed);
    expect(out.operations[0]?.sites).toEqual([{ at: 3, span: [1, 2] }]);
  });

  it('marks a site on an inserted word as not typed (-1), and an operation with no sites keeps none', () => {
    const a = analysisOf(rewritten.argv, { operations: [{ kind: 'volume-prune', summary: 's', reaches: 'named', sites: [{ at: 0 }] }, { kind: 'volume-rm', summary: 'r', reaches: 'named' }] });
    const out = remapAnalysis(a, rewritten, typed);
    expect(out.operations.map((o) => o.sites)).toEqual([[{ at: -1 }], []]);
  });

  it('keeps an index to cut at when the typed prefix was only reordered', () => {
    const a = analysisOf(rewritten.argv, { commandAt: 3, compose: { generation: 'v2', subcommand: 'down', files: [], envFiles: [], profiles: [], services: [], allResources: false, subcommandAt: 3 } });
    const out = remapAnalysis(a, rewritten, typed);
    expect(out.compose?.subcommandAt).toBe(2);
    expect(out.commandAt).toBe(2);
  });

  it('drops the index when words before it were moved in from after it', () => {
    // typed: -f a.yml down -H x ; rewritten: -H x compose -f a.yml down
    const moved: Rewritten = { argv: ['-H', 'x', 'compose', '-f', 'a.yml', 'down'], from: [3, 4, -1, 0, 1, 2] };
    const a = analysisOf(moved.argv, { commandAt: 5 });
    expect(remapAnalysis(a, moved, ['-f', 'a.yml', 'down', '-H', 'x']).commandAt).toBeUndefined();
  });

  it('drops an index that points at an inserted word, and leaves an absent one absent', () => {
    expect(remapAnalysis(analysisOf(rewritten.argv, { commandAt: 0 }), rewritten, typed).commandAt).toBeUndefined();
    expect(remapAnalysis(analysisOf(rewritten.argv, {}), rewritten, typed).commandAt).toBeUndefined();
    expect(remapAnalysis(analysisOf(rewritten.argv, {}), rewritten, typed).compose).toBeUndefined();
  });
});
