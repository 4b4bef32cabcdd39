// One compose file's YAML as compose-go reads it: merge keys, !reset/!override, interpolation
// of string values (never keys), one-line errors.
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { CannotSee, GuardError } from '../../src/errors.js';
import { describeYamlError, Directive, interpolateTree, isRecord, parseComposeYaml, readYaml } from '../../src/project/yaml.js';
import { memoryFs } from '../helpers/memory-fs.js';

describe('parseComposeYaml', () => {
  it('reads YAML 1.1 merge keys', () => {
    expect(parseComposeYaml('x: &x {image: a, ports: [1]}\nweb:\n  <<: *x\n  image: b\n', '/c.yaml')).toEqual({ x: { image: 'a', ports: [1] }, web: { image: 'b', ports: [1] } });
  });

  it('keeps !reset and !override as directives around their values', () => {
    const out = parseComposeYaml('a: !reset null\nb: !override [1, 2]\nc: !reset {x: 1}\nd: !override text\n', '/c.yaml') as Record<string, Directive>;
    expect(out.a).toEqual(new Directive('reset', 'null'));
    expect(out.b).toEqual(new Directive('override', [1, 2]));
    expect(out.c).toEqual(new Directive('reset', { x: 1 }));
    expect(out.d).toEqual(new Directive('override', 'text'));
  });

  it('does not expand a billion laughs', () => {
    const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) laughs.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    expect(() => parseComposeYaml(`${laughs.join('\n')}\n`, '/c.yaml')).toThrow(CannotSee);
  });
});

describe('readYaml', () => {
  const fs = memoryFs({ '/p/empty.yaml': '', '/p/list.yaml': '- a\n', '/p/ok.yaml': 'services: {}\n', '/p/bad.yaml': 'a: [\n' });

  it.each<[string, unknown]>([['/p/empty.yaml', {}], ['/p/ok.yaml', { services: {} }]])('%s', (file, value) => {
    expect(readYaml(file, fs)).toEqual(value);
  });

  it.each<[string, RegExp]>([
    ['/p/missing.yaml', /^open \/p\/missing\.yaml: no such file or directory$/],
    ['/p/list.yaml', /^\/p\/list\.yaml: top-level object must be a mapping$/],
    ['/p/bad.yaml', /^\/p\/bad\.yaml:\d+:\d+: /],
  ])('refuses %s', (file, message) => {
    expect(() => readYaml(file, fs)).toThrow(GuardError);
    expect(() => readYaml(file, fs)).toThrow(message);
  });
});

describe('interpolateTree', () => {
  const lookup = (name: string) => ({ NAME: 'shop', EMPTY: '' } as Record<string, string>)[name];

  it('interpolates every string value, never a key, keeping directives', () => {
    const tree = { '${NAME}': 'x', volumes: { data: { name: '${NAME}_data' } }, list: ['${NAME}', 3, true, null], d: new Directive('override', ['${NAME}']) };
    expect(interpolateTree(tree, lookup, {})).toEqual({ '${NAME}': 'x', volumes: { data: { name: 'shop_data' } }, list: ['shop', 3, true, null], d: new Directive('override', ['shop']) });
  });

  it('names the path of a value that cannot be interpolated', () => {
    expect(() => interpolateTree({ volumes: { data: { name: '${NAME:?must be set}${MISSING:?needed}' } }, list: [] }, lookup, {})).toThrow(/^volumes\.data\.name: /);
    expect(() => interpolateTree({ list: ['ok', '${MISSING:?needed}'] }, lookup, {})).toThrow(/^list\[1\]: /);
  });
});

describe('isRecord', () => {
  it.each<[unknown, boolean]>([[{}, true], [{ a: 1 }, true], [[], false], [null, false], ['x', false], [new Directive('reset', {}), false]])('%j -> %s', (value, is) => {
    expect(isRecord(value)).toBe(is);
  });
});

describe('describeYamlError', () => {
  it('is one line with file:line:col', () => {
    const doc = parseDocument('a: [\n', { prettyErrors: true });
    const error = doc.errors[0];
    expect(error).toBeDefined();
    const line = describeYamlError(error!, '/p/c.yaml');
    expect(line).toMatch(/^\/p\/c\.yaml:\d+:\d+: /);
    expect(line).not.toContain('\n');
  });
});
