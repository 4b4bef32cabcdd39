// Allow-once permits: what one is bound to, and when it may be honoured.
import { describe, expect, it } from 'vitest';
import { asPermit, lifetimeProblem, MAX_MINUTES, sameRequest, stateDir, type Permit, type PermitRequest } from '../../src/policy/permits.js';

const request: PermitRequest = {
  host: 'db1', target: { context: 'default', endpoint: 'unix:///var/run/docker.sock' }, tool: 'docker',
  argv: ['compose', 'down', '-v'], project: 'shop', cwd: '/srv/shop',
};
const NOW = new Date('2026-11-24T12:00:00Z');
const permit = (over: Partial<Permit> = {}): Permit => ({
  ...request, version: 1, id: 'p1', reason: 'migration', issuedBy: 'ann', uid: 1000,
  issuedAt: '2026-11-24T11:55:00Z', expiresAt: '2026-11-24T12:05:00Z', ...over,
});

describe('stateDir', () => {
  it.each<[Record<string, string>, string]>([
    [{ HOME: '/home/ann' }, '/home/ann/.local/state/compose-guard'],
    [{ HOME: '/home/ann', XDG_STATE_HOME: '/state' }, '/state/compose-guard'],
    [{ HOME: '/home/ann', XDG_STATE_HOME: '' }, '/home/ann/.local/state/compose-guard'],
    [{}, '/.local/state/compose-guard'],
  ])('%j -> %s', (env, dir) => {
    expect(stateDir(env)).toBe(dir);
  });
});

describe('sameRequest', () => {
  it('matches the same command in the same place', () => {
    expect(sameRequest(request, { ...request, argv: [...request.argv], target: { ...request.target } })).toBe(true);
  });

  it.each<[string, Partial<PermitRequest>]>([
    ['another host', { host: 'db2' }],
    ['another tool', { tool: 'docker-compose' }],
    ['another project', { project: 'blog' }],
    ['no project', { project: null }],
    ['another folder', { cwd: '/srv' }],
    ['another context', { target: { context: 'prod', endpoint: 'unix:///var/run/docker.sock' } }],
    ['another endpoint', { target: { context: 'default', endpoint: null } }],
    ['another argument', { argv: ['compose', 'down', '--volumes'] }],
    ['one argument more', { argv: ['compose', 'down', '-v', 'db'] }],
    ['one argument fewer', { argv: ['compose', 'down'] }],
    ['the same words in another order', { argv: ['compose', '-v', 'down'] }],
  ])('does not match %s', (_, change) => {
    expect(sameRequest(request, { ...request, ...change })).toBe(false);
  });
});

describe('lifetimeProblem', () => {
  it.each<[string, Partial<Permit>, string | undefined]>([
    ['a live permit', {}, undefined],
    ['one issued a little ahead (clock steps)', { issuedAt: '2026-11-24T12:00:30Z', expiresAt: '2026-11-24T12:10:00Z' }, undefined],
    ['one issued in the future', { issuedAt: '2026-11-24T12:02:00Z', expiresAt: '2026-11-24T12:10:00Z' }, 'issued in the future'],
    ['an expired one', { expiresAt: '2026-11-24T11:59:59Z' }, 'expired'],
    ['one that expires now', { expiresAt: '2026-11-24T12:00:00Z' }, 'expired'],
    ['one that lasts too long', { issuedAt: '2026-11-24T11:59:00Z', expiresAt: '2026-11-24T13:00:00Z' }, `lasts longer than the maximum of ${MAX_MINUTES} minutes`],
    ['exactly the longest allowed', { issuedAt: '2026-11-24T11:30:00Z', expiresAt: '2026-11-24T12:30:00Z' }, undefined],
    ['unreadable times', { issuedAt: 'yesterday' }, 'no valid issue or expiry time'],
  ])('%s', (_, change, problem) => {
    expect(lifetimeProblem(permit(change), NOW)).toBe(problem);
  });
});

describe('asPermit', () => {
  it('takes a permit as written to disk', () => {
    const p = JSON.parse(JSON.stringify(permit({ noSnapshot: true })));
    expect(asPermit(p)).toEqual(p);
    expect(asPermit({ ...p, project: null, target: { context: 'x', endpoint: null } })).toBeDefined();
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['another version', { ...permit(), version: 2 }],
    ['argv that is not all text', { ...permit(), argv: ['a', 1] }],
    ['a uid that is text', { ...permit(), uid: '0' }],
    ['no target', { ...permit(), target: undefined }],
    ['an endpoint that is a number', { ...permit(), target: { context: 'x', endpoint: 1 } }],
    ['a project that is a number', { ...permit(), project: 3 }],
    ['no reason', { ...permit(), reason: undefined }],
    ['no expiry', { ...permit(), expiresAt: undefined }],
  ])('refuses %s', (_, value) => {
    expect(asPermit(value)).toBeUndefined();
  });
});
