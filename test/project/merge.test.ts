// Merging compose files as compose-go's override/merge.go does: mappings key by key, later
// scalars win, sequences append, service volumes merge by target, !reset and !override.
import { describe, expect, it } from 'vitest';
import { mergeModels, stripDirectives } from '../../src/project/merge.js';
import { Directive, parseComposeYaml } from '../../src/project/yaml.js';

/** Merges compose files given as YAML text, as the loader does (the first file only stripped). */
function merged(...texts: string[]): unknown {
  const [first, ...rest] = texts.map((t, i) => parseComposeYaml(t, `/f${i}.yml`));
  return rest.reduce((acc, next) => mergeModels(acc, next), stripDirectives(first));
}

describe('mergeModels', () => {
  it.each([
    // [base, override, merged]
    ['a: 1\nb: 2', 'b: 3\nc: 4', { a: 1, b: 3, c: 4 }],
    ['x: {a: 1, b: {c: 2}}', 'x: {b: {d: 3}}', { x: { a: 1, b: { c: 2, d: 3 } } }],
    ['x: [1, 2]', 'x: [3]', { x: [1, 2, 3] }],
    ['x: [1]', 'x: scalar', { x: 'scalar' }],
    ['x: {a: 1}', 'x: null', { x: null }],
    ['x: 1', 'x: !reset null', {}],
    ['x: {a: 1}', 'x: !reset {}', {}],
    ['x: [1, 2]', 'x: !reset []', {}],
    ['x: {a: 1, b: 2}', 'x: !override {c: 3}', { x: { c: 3 } }],
    ['x: [1, 2]', 'x: !override [3]', { x: [3] }],
    ['x: {a: 1}', 'x: {a: !reset null, b: 2}', { x: { b: 2 } }],
  ])('%j + %j', (base, override, expected) => {
    expect(merged(base, override)).toEqual(expected);
  });

  it('merges a service\'s volumes by target path, later ones replacing earlier ones', () => {
    const base = 'services:\n  db:\n    volumes: ["data:/var/lib/data", "./conf:/etc/conf", "/anon"]';
    const override = 'services:\n  db:\n    volumes: ["other:/var/lib/data", {type: volume, source: logs, target: /logs}]';
    expect(merged(base, override)).toEqual({
      services: { db: { volumes: ['other:/var/lib/data', './conf:/etc/conf', '/anon', { type: 'volume', source: 'logs', target: '/logs' }] } },
    });
  });

  it('appends other sequences of a service (ports, profiles)', () => {
    expect(merged('services:\n  a:\n    profiles: [x]', 'services:\n  a:\n    profiles: [y]')).toEqual({ services: { a: { profiles: ['x', 'y'] } } });
  });

  it('applies !reset and !override to a service\'s volumes', () => {
    const base = 'services:\n  db:\n    volumes: ["data:/d"]';
    expect(merged(base, 'services:\n  db:\n    volumes: !reset []')).toEqual({ services: { db: {} } });
    expect(merged(base, 'services:\n  db:\n    volumes: !override ["x:/x"]')).toEqual({ services: { db: { volumes: ['x:/x'] } } });
  });

  it('three files merge in order', () => {
    expect(merged('a: 1\nl: [1]', 'a: 2\nl: [2]', 'a: 3\nl: !override [9]')).toEqual({ a: 3, l: [9] });
  });
});

describe('stripDirectives', () => {
  it('turns directives in the first file into plain values, dropping resets', () => {
    expect(stripDirectives({ a: new Directive('override', { b: 1 }), c: new Directive('reset', 1), d: [new Directive('reset', 2), 3] }))
      .toEqual({ a: { b: 1 }, d: [3] });
    expect(stripDirectives(new Directive('reset', 'x'))).toBeUndefined();
    expect(stripDirectives('plain')).toBe('plain');
  });
});
