import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boolValue, classifyRequest, formValue, splitTarget } from '../../../src/daemon/plugin/routes.js';

describe('classifyRequest: what dockerd would serve, from method and URI alone', () => {
  it.each([
    ['DELETE', '/volumes/huangpu_postgres', { kind: 'volume-rm', volume: 'huangpu_postgres' }],
    ['DELETE', '/v1.41/volumes/huangpu_postgres', { kind: 'volume-rm', volume: 'huangpu_postgres' }],
    ['DELETE', '/v1.24/volumes/huangpu_postgres?force=1', { kind: 'volume-rm', volume: 'huangpu_postgres' }],
    ['DELETE', '/v1/volumes/x', { kind: 'volume-rm', volume: 'x' }],
    ['delete', '/volumes/x', { kind: 'volume-rm', volume: 'x' }],
    ['DELETE', 'http://docker/v1.41/volumes/x', { kind: 'volume-rm', volume: 'x' }],
    ['DELETE', 'http://docker', { kind: 'harmless' }],
    ['DELETE', '/v1.41/volumes/huangpu%5Fpostgres', { kind: 'volume-rm', volume: 'huangpu_postgres' }],
    ['DELETE', '/v1.41//volumes/./x', { kind: 'volume-rm', volume: 'x' }],
    ['DELETE', '/v1.41/images/../volumes/x', { kind: 'volume-rm', volume: 'x' }],
    ['DELETE', '/volumes/', { kind: 'volume-rm', volume: '' }],
    ['DELETE', '/volumes', { kind: 'harmless' }],
    ['POST', '/volumes/prune', { kind: 'volume-prune' }],
    ['POST', '/v1.41/volumes/prune?filters=%7B%22all%22%3A%5B%22true%22%5D%7D', { kind: 'volume-prune' }],
    ['POST', '/v1.41/volumes/prune/', { kind: 'harmless' }],
    ['DELETE', '/v1.41/containers/web?v=1', { kind: 'container-rm-volumes', container: 'web' }],
    ['DELETE', '/containers/web?force=1&v=true', { kind: 'container-rm-volumes', container: 'web' }],
    ['DELETE', '/containers/web?v=yes', { kind: 'container-rm-volumes', container: 'web' }],
    ['DELETE', '/containers/web?v=%20On', { kind: 'container-rm-volumes', container: 'web' }],
    ['DELETE', '/containers/web?%76=1', { kind: 'container-rm-volumes', container: 'web' }],
    ['DELETE', '/containers/web?v=%ff', { kind: 'container-rm-volumes', container: 'web' }],
    ['DELETE', '/containers/web?v;x=1&v=1', { kind: 'container-rm-volumes', container: 'web' }],
    ['DELETE', '/containers/web?v=0&v=1', { kind: 'harmless' }],
    ['DELETE', '/containers/web?v=false', { kind: 'harmless' }],
    ['DELETE', '/containers/web?v=none', { kind: 'harmless' }],
    ['DELETE', '/containers/web', { kind: 'harmless' }],
    ['POST', '/containers/prune', { kind: 'harmless' }],
    ['GET', '/v1.41/volumes/x', { kind: 'harmless' }],
    ['HEAD', '/_ping', { kind: 'harmless' }],
    ['POST', '/system/prune', { kind: 'harmless' }],
    ['POST', '/v1.41/no/such/endpoint', { kind: 'harmless' }],
  ])('%s %s', (method, uri, expected) => {
    expect(classifyRequest(method, uri)).toEqual(expected);
  });

  it.each([['DELETE', '*'], ['DELETE', 'volumes/x'], ['DELETE', '/volumes/%zz'], ['POST', ''], ['', '']])('%s %j cannot be read: judged', (method, uri) => {
    expect(classifyRequest(method, uri).kind).toBe('unreadable');
  });

  it('reads every volume name back, however it is percent-encoded and versioned', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 40 }).filter((n) => !n.includes('/') && n !== '.' && n !== '..'),
      fc.constantFrom('', '/v1.41', '/v1.24', '/v1.47'), fc.boolean(), (name, version, encodeAll) => {
        const encoded = encodeAll ? [...Buffer.from(name)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('') : encodeURIComponent(name);
        expect(classifyRequest('DELETE', `${version}/volumes/${encoded}`)).toEqual({ kind: 'volume-rm', volume: name });
      }));
  });
});

describe('query values as Go reads them', () => {
  it.each([
    ['v=1', '1'], ['a=2&v=3', '3'], ['v', ''], ['v=1&v=2', '1'], ['v=a+b', 'a b'], ['v=%zz&v=2', '2'], ['x;v=1', ''],
  ])('formValue(%j)', (query, expected) => {
    expect(formValue(query, 'v')).toBe(expected);
  });

  it.each([['', false], ['0', false], ['no', false], ['FALSE', false], [' none ', false], ['1', true], ['yes', true], ['2', true], ['off', true]])(
    'boolValue(%j) = %s', (value, expected) => {
      expect(boolValue(value)).toBe(expected);
    });

  it('splits absolute-form and origin-form targets alike', () => {
    expect(splitTarget('http://x/v1.41/volumes/a?force=1')).toEqual({ path: '/v1.41/volumes/a', query: 'force=1' });
    expect(splitTarget('/volumes/a/')).toEqual({ path: '/volumes/a/', query: '' });
  });
});
