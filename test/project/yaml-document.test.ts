// Parsing YAML into a document, linear in the input: file:line:col errors, duplicate keys,
// and what the reader cannot take in (too deep, too many aliases) as CannotSee.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CannotSee, GuardError } from '../../src/errors.js';
import { parseYamlDocument, survey } from '../../src/project/yaml-document.js';

const parse = (text: string, merge = false) => parseYamlDocument(text, '/p/compose.yaml', 'COMPOSE_FILE', { merge });

describe('parseYamlDocument', () => {
  it('parses a document and tells file:line:col for an offset', () => {
    const text = 'services:\n  web:\n    image: nginx\n';
    const { doc, at } = parse(text);
    expect(doc.toJS()).toEqual({ services: { web: { image: 'nginx' } } });
    expect(at(text.indexOf('image'))).toBe('/p/compose.yaml:3:5');
    expect(at(undefined)).toBe('/p/compose.yaml');
  });

  it.each<[string, RegExp]>([
    ['a: [1, 2\n', /^\/p\/compose\.yaml:\d+:\d+: /],
    ['a:\n  b: 1\n c: 2\n', /^\/p\/compose\.yaml:3:\d+: /],
    ['services:\n  web: {}\n  web: {}\n', /^\/p\/compose\.yaml:3:3: Map keys must be unique$/],
    ['a: 1\nb:\n  x: 1\n  x: 2\n', /^\/p\/compose\.yaml:4:3: Map keys must be unique$/],
  ])('refuses %j with one line and the position', (text, message) => {
    let error: unknown;
    try {
      parse(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GuardError);
    expect((error as GuardError).code).toBe('COMPOSE_FILE');
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('keeps the caller\'s error code', () => {
    expect(() => parseYamlDocument('a: 1\na: 2\n', '/p.yaml', 'POLICY')).toThrow(expect.objectContaining({ code: 'POLICY' }));
  });

  // Compose 2.26.1 and 2.40.3 refuse this too: `mapping key "<<" already defined`.
  it('refuses a repeated merge key, with merge keys on or off', () => {
    const text = 'x: &x {a: 1}\ny: &y {b: 2}\nz:\n  <<: *x\n  <<: *y\n';
    expect(() => parse(text, true)).toThrow(/compose\.yaml:5:3: Map keys must be unique/);
    expect(() => parse(text, false)).toThrow(/Map keys must be unique/);
    expect(() => parse('x: &x {a: 1}\nz:\n  <<: *x\n  b: 2\n', true)).not.toThrow();
  });

  it('tells 1 and "1" apart as keys', () => {
    expect(() => parse('1: a\n"1": b\n')).not.toThrow();
  });

  it('leaves a document whose aliases would take too long to expand to the real program', () => {
    const anchors = 'a: &a [1]\n';
    const uses = Array.from({ length: 5000 }, (_, i) => `k${i}: *a`).join('\n');
    expect(() => parse(`${anchors}${uses}\n`)).toThrow(CannotSee);
  });

  it('counts alias tokens before composing a document that may hold too many', () => {
    const uses = Array.from({ length: 10_001 }, () => '*a').join(', ');
    expect(() => parse(`x: &a "v"\ncommand: [${uses}]\n`)).toThrow(/10001 alias uses in \d+ tokens/);
  });

  it('reads a document full of * that are not aliases', () => {
    const globs = Array.from({ length: 5000 }, (_, i) => `k${i}: "*.log"  # *`).join('\n');
    expect(() => parse(`${globs}\n`)).not.toThrow();
  });

  it('a document nested past the parser\'s stack is CannotSee, not a crash', () => {
    const deep = `${'['.repeat(20000)}${']'.repeat(20000)}`;
    let error: unknown;
    try {
      parse(deep);
    } catch (e) {
      error = e;
    }
    if (error !== undefined) expect(error).toBeInstanceOf(CannotSee);
  });

  it('never throws anything but a GuardError, whatever the text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60, unit: fc.constantFrom('a', ':', ' ', '\n', '-', '[', ']', '{', '}', '&', '*', '<', '"', "'", '#', '!', '1') }), (text) => {
      try {
        parse(text, true);
      } catch (e) {
        expect(e).toBeInstanceOf(GuardError);
      }
    }), { numRuns: 1000 });
  });
});

describe('survey', () => {
  it('counts nodes and alias uses', () => {
    const { doc } = parse('a: &x 1\nb: *x\nc: *x\n');
    const s = survey(doc, false);
    expect(s.aliases).toBe(2);
    expect(s.duplicate).toBeUndefined();
    expect(s.nodes).toBeGreaterThan(3);
  });
});
