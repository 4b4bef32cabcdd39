// The compose-spec schema each modelled Compose version ships, compiled at build time.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadValidators, validateComposeFile } from '../../src/project/schema-validate.js';
import { Directive } from '../../src/project/yaml.js';

const app = { image: 'busybox', volumes: ['data:/d'] };

describe('validating a compose file against its version\'s schema', async () => {
  const validators = await loadValidators();

  it.each([
    ['a plain project', { services: { app }, volumes: { data: {} } }, true, true],
    ['top-level models:', { services: { app }, models: { llm: { model: 'ai/smollm2' } } }, false, true],
    ['a misspelt service key', { services: { app: { ...app, restart_policy: 'always' } } }, false, false],
    ['volumes as a string', { services: { app: { image: 'x', volumes: 'data:/d' } } }, false, false],
    ['x- extensions and version:', { version: '3.9', 'x-base': { a: 1 }, services: { app: { ...app, 'x-note': 1 } } }, true, true],
    ['interpolated strings where numbers go', { services: { app: { ...app, cpu_count: '2', privileged: 'yes' } } }, true, true],
    ['an unknown top-level key', { services: { app }, secretz: {} }, false, false],
  ])('%s', (_name, tree, valid2261, valid2403) => {
    const check = (schema: '2.26.1' | '2.40.3') => () => validateComposeFile(tree, 'compose.yaml', schema, validators);
    if (valid2261) expect(check('2.26.1')).not.toThrow();
    else expect(check('2.26.1')).toThrow(/^validating compose.yaml: /);
    if (valid2403) expect(check('2.40.3')).not.toThrow();
    else expect(check('2.40.3')).toThrow(/^validating compose.yaml: /);
  });

  it('names the offending key as Compose does', () => {
    expect(() => validateComposeFile({ services: { app: { ...app, restart_policy: 'always' } } }, 'c.yaml', '2.26.1', validators))
      .toThrow('validating c.yaml: services.app additional property restart_policy is not allowed');
  });

  it('sees what the merge directives leave: !reset drops, !override keeps', () => {
    const tree = { services: { app: { image: 'x', volumes: new Directive('reset', null), ports: new Directive('override', ['80:80']) } } };
    expect(() => validateComposeFile(tree, 'o.yaml', '2.26.1', validators)).not.toThrow();
  });

  it('compiles the schemas taken from the real binaries, byte for byte', () => {
    for (const version of ['2.26.1', '2.40.3']) {
      const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, `../../schema/compose-spec/${version}.json`), 'utf8')) as { $id: string; properties: object };
      expect(schema.$id).toBe('compose_spec.json');
      expect('models' in schema.properties).toBe(version === '2.40.3');
    }
  });
});
