// Which container path shows exactly a volume's contents, and where restore mounts a volume so
// that an archive read there lands in it.
import { describe, expect, it } from 'vitest';
import { restoreTarget, wholeVolumeAt } from '../../../src/tools/snapshot/source.js';

const vol = (Destination: string, Name = 'p_data') => ({ Type: 'volume', Name, Destination });

describe('wholeVolumeAt', () => {
  it.each([
    ['the volume alone', { Mounts: [vol('/var/lib/postgresql/data')] }, '/var/lib/postgresql/data'],
    ['other mounts beside it', { Mounts: [vol('/data'), vol('/cache', 'p_cache'), { Type: 'bind', Destination: '/etc/app' }] }, '/data'],
    ['a mount with a name that only starts the same', { Mounts: [vol('/data'), { Type: 'bind', Destination: '/data2' }] }, '/data'],
    ['another volume inside it', { Mounts: [vol('/data'), vol('/data/sub', 'p_other')] }, undefined],
    ['a bind inside it', { Mounts: [vol('/data/'), { Type: 'bind', Destination: '/data/conf' }] }, undefined],
    ['a tmpfs inside it', { Mounts: [vol('/data')], HostConfig: { Tmpfs: { '/data/tmp': '' } } }, undefined],
    ['a tmpfs over it', { Mounts: [vol('/data')], HostConfig: { Tmpfs: { '/data': '' } } }, undefined],
    ['a subpath of the volume only', { Mounts: [vol('/data')], HostConfig: { Mounts: [{ Target: '/data', VolumeOptions: { Subpath: 'x' } }] } }, undefined],
    ['another volume only', { Mounts: [vol('/data', 'p_other')] }, undefined],
    ['no mounts at all', {}, undefined],
  ])('%s', (_name, inspected, expected) => {
    expect(wholeVolumeAt(inspected, 'p_data')).toBe(expected);
  });
});

describe('restoreTarget', () => {
  it.each([
    [undefined, { mount: '/.compose-guard-volume', put: '/' }],
    ['.compose-guard-volume', { mount: '/.compose-guard-volume', put: '/' }],
    ['data', { mount: '/.compose-guard-volume/data', put: '/.compose-guard-volume' }],
  ])('an archive whose top folder is %s', (root, expected) => {
    expect(restoreTarget(root)).toEqual(expected);
  });
});
