import { describe, expect, it } from 'vitest';
import { GrantStore, MAX_GRANTS, parseGrantRequest, type GrantRequest } from '../../../src/daemon/plugin/grants.js';

const request = (over: Partial<GrantRequest> = {}): GrantRequest => ({ volumes: [], containers: [], prune: false, seconds: 5, argv: ['docker'], user: 'ops', ...over });

function store(start = 0) {
  let now = start;
  const s = new GrantStore(() => now, 10);
  return { s, advance: (ms: number) => { now += ms; } };
}

describe('GrantStore', () => {
  it('lets exactly the granted volumes through, each once', () => {
    const { s } = store();
    s.add(request({ volumes: ['a', 'b'] }));
    expect(s.take({ volumes: ['c'] })).toBeUndefined();
    expect(s.take({ volumes: ['a', 'c'] })).toBeUndefined();
    expect(s.take({ volumes: ['a'] })).toBeDefined();
    expect(s.take({ volumes: ['a'] })).toBeUndefined();
    expect(s.take({ volumes: ['b'] })).toBeDefined();
    expect(s.size).toBe(0);
  });

  it('expires grants, and caps how long they live', () => {
    const { s, advance } = store();
    s.add(request({ volumes: ['a'], seconds: 3600 }));
    advance(9_999);
    expect(s.size).toBe(1);
    advance(2);
    expect(s.take({ volumes: ['a'] })).toBeUndefined();
  });

  it('a prune needs a grant for a prune, covering every volume it would remove', () => {
    const { s } = store();
    s.add(request({ volumes: ['a'] }));
    expect(s.take({ volumes: ['a'], prune: true })).toBeUndefined();
    s.add(request({ volumes: ['a'], prune: true }));
    expect(s.take({ volumes: ['a', 'b'], prune: true })).toBeUndefined();
    expect(s.take({ volumes: ['a'], prune: true })).toBeDefined();
    expect(s.take({ volumes: [], prune: true })).toBeUndefined();
  });

  it('a container named by the command covers its anonymous volumes', () => {
    const { s } = store();
    s.add(request({ containers: ['web'] }));
    expect(s.take({ volumes: ['f'.repeat(64)], container: 'db' })).toBeUndefined();
    expect(s.take({ volumes: ['f'.repeat(64)], container: 'web' })).toBeDefined();
    expect(s.take({ volumes: ['f'.repeat(64)], container: 'web' })).toBeUndefined();
  });

  it('holds a bounded number of live grants', () => {
    const { s, advance } = store();
    for (let i = 0; i < MAX_GRANTS; i++) expect(s.add(request({ volumes: [`v${i}`] }))).toBeDefined();
    expect(s.add(request({ volumes: ['one-more'] }))).toBeUndefined();
    advance(11_000);
    expect(s.add(request({ volumes: ['one-more'] }))).toBeDefined();
  });
});

describe('parseGrantRequest', () => {
  it('reads a grant and fills defaults', () => {
    expect(parseGrantRequest({ volumes: ['a'] })).toEqual({ volumes: ['a'], containers: [], prune: false, seconds: 30, argv: [], user: 'unknown' });
  });

  it.each([
    [null], [[]], ['x'], [{ volumes: 'a' }], [{ volumes: [1] }], [{ volumes: Array(1001).fill('a') }], [{ volumes: ['x'.repeat(513)] }], [{ seconds: 'x' }], [{ seconds: Infinity }],
  ])('refuses %j', (value) => {
    expect(() => parseGrantRequest(value)).toThrow();
  });
});
