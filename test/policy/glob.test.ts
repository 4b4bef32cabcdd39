import { describe, expect, it } from 'vitest';
import { globMatch } from '../../src/policy/glob.js';

describe('globMatch', () => {
  it.each([
    ['db-prod-*', 'db-prod-1', true],
    ['db-prod-*', 'db-stage-1', false],
    ['ssh://*prod*', 'ssh://deploy@prod-db-1', true],
    ['ssh://*prod*', 'tcp://prod:2375', false],
    ['*_postgres', 'huangpu_postgres', true],
    ['*_postgres', 'huangpu_postgres_backup', false],
    ['web-?', 'web-1', true],
    ['web-?', 'web-12', false],
    ['web-[0-9]', 'web-7', true],
    ['web-[!0-9]', 'web-7', false],
    ['a.b', 'axb', false],
    ['tcp://10.0.0.*:2376', 'tcp://10.0.0.7:2376', true],
    ['prod', 'prod', true],
    ['prod', 'production', false],
  ])('%s matches %s: %s', (glob, value, expected) => {
    expect(globMatch(glob, value)).toBe(expected);
  });
});

describe('globMatch without a RegExp for *-only globs', () => {
  it('agrees with the RegExp reading', async () => {
    const { default: fc } = await import('fast-check');
    const { globToRegExp } = await import('../../src/policy/glob.js');
    const text = fc.string({ unit: fc.constantFrom('a', 'b', '-', '.') , maxLength: 8 });
    fc.assert(fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), text, (parts, value) => {
      const glob = parts.join('*');
      return globMatch(glob, value) === globToRegExp(glob).test(value);
    }), { numRuns: 2000 });
  });
});
