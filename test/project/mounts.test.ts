// Service mounts as compose-go's ParseVolume reads them: which name a top-level volume, which
// are binds, which are anonymous.
import { describe, expect, it } from 'vitest';
import { mountTarget, parseMount } from '../../src/project/mounts.js';

describe('parseMount: short syntax', () => {
  it.each([
    // [entry, expected]
    ['/data', { type: 'volume', target: '/data' }],
    ['data:/var/lib/data', { type: 'volume', source: 'data', target: '/var/lib/data' }],
    ['data:/var/lib/data:ro', { type: 'volume', source: 'data', target: '/var/lib/data' }],
    [':/x', { type: 'volume', target: '/x' }],
    ['./conf:/etc/conf', { type: 'bind', source: './conf', target: '/etc/conf' }],
    ['../up:/up', { type: 'bind', source: '../up', target: '/up' }],
    ['/srv/data:/data', { type: 'bind', source: '/srv/data', target: '/data' }],
    ['~/cache:/cache', { type: 'bind', source: '~/cache', target: '/cache' }],
    ['\\\\server\\share:/s', { type: 'bind', source: '\\\\server\\share', target: '/s' }],
    // a lone letter before ':' is a Windows drive, ASCII or not
    ['c:\\data:/data', { type: 'bind', source: 'c:\\data', target: '/data' }],
    ['C:/data:/data:rw', { type: 'bind', source: 'C:/data', target: '/data' }],
    ['é:/data:/data', { type: 'bind', source: 'é:/data', target: '/data' }],
    ['ж:/d:/d', { type: 'bind', source: 'ж:/d', target: '/d' }],
    // ... but not a digit or a symbol, and not two letters
    ['1:/data', { type: 'volume', source: '1', target: '/data' }],
    ['_:/data', { type: 'volume', source: '_', target: '/data' }],
    ['db:/data', { type: 'volume', source: 'db', target: '/data' }],
    ['données:/d', { type: 'volume', source: 'données', target: '/d' }],
  ] as const)('%j', (entry, expected) => {
    expect(parseMount(entry)).toEqual(expected);
  });
});

describe('parseMount: long syntax and others', () => {
  it.each([
    [{ type: 'volume', source: 'data', target: '/d' }, { type: 'volume', source: 'data', target: '/d' }],
    [{ type: 'volume', target: '/d' }, { type: 'volume', source: undefined, target: '/d' }],
    [{ type: 'volume', source: '', target: '/d' }, { type: 'volume', source: undefined, target: '/d' }],
    [{ type: 'bind', source: './x', target: '/x' }, { type: 'bind', source: './x', target: '/x' }],
    [{ type: 'tmpfs', target: '/t' }, { type: 'other', source: undefined, target: '/t' }],
    [{ type: 'volume', source: 1, target: 2 }, { type: 'volume', source: undefined, target: undefined }],
    [42, { type: 'other' }],
    [null, { type: 'other' }],
  ] as const)('%j', (entry, expected) => {
    expect(parseMount(entry)).toEqual(expected);
  });

  it('mountTarget is the target of either syntax', () => {
    expect(mountTarget('data:/d')).toBe('/d');
    expect(mountTarget({ type: 'volume', source: 'data', target: '/e' })).toBe('/e');
    expect(mountTarget(7)).toBeUndefined();
  });
});
