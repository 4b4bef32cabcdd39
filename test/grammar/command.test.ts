// What the grammar makes of a command line: tools, the empty analysis, and what needs judgement.
import { describe, expect, it } from 'vitest';
import { emptyAnalysis, isTool, needsJudgement } from '../../src/grammar/command.js';

describe('isTool', () => {
  it.each<[string | undefined, boolean]>([
    ['docker', true],
    ['docker-compose', true],
    ['Docker', false],
    ['docker compose', false],
    ['podman', false],
    ['', false],
    [undefined, false],
  ])('%s -> %s', (name, is) => {
    expect(isTool(name)).toBe(is);
  });
});

describe('emptyAnalysis', () => {
  it('holds the tool, argv and target, and nothing destroyed or doubted', () => {
    const a = emptyAnalysis('docker', ['ps'], { context: 'prod' });
    expect(a).toEqual({ tool: 'docker', argv: ['ps'], operations: [], uncertainties: [], notes: [], target: { context: 'prod' } });
    expect(emptyAnalysis('docker-compose', []).target).toEqual({});
  });

  it('gives each caller lists of its own', () => {
    const a = emptyAnalysis('docker', []);
    a.notes.push('x');
    expect(emptyAnalysis('docker', []).notes).toEqual([]);
  });
});

describe('needsJudgement', () => {
  const base = emptyAnalysis('docker', ['volume', 'rm', 'x']);
  it.each([
    ['nothing found', base, false],
    ['notes only (help, dry run)', { ...base, notes: ['help only'] }, false],
    ['an operation', { ...base, operations: [{ kind: 'volume-rm' as const, summary: 'volume rm', reaches: 'named' as const }] }, true],
    ['a doubt alone', { ...base, uncertainties: ['cannot read'] }, true],
  ])('%s -> %s', (_, analysis, needs) => {
    expect(needsJudgement(analysis)).toBe(needs);
  });
});
