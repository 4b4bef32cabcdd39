// Time bounds: a promise that must settle by a deadline, file reads refused once it has passed.
import { describe, expect, it } from 'vitest';
import { boundedInTime, messageOf, withinDeadline } from '../src/deadline.js';
import { CannotSee, GuardError } from '../src/errors.js';
import { memoryFs } from './helpers/memory-fs.js';

describe('messageOf', () => {
  it.each<[unknown, string]>([
    [new Error('plain'), 'plain'],
    [new TypeError('bad type'), 'TypeError: bad type'],
    [Object.assign(new Error('TypeError: already named'), { name: 'TypeError' }), 'TypeError: already named'],
    [new GuardError('POLICY', 'broken'), 'GuardError: broken'],
    ['a string', 'a string'],
    [42, '42'],
    [undefined, 'undefined'],
  ])('%s -> %s', (error, text) => {
    expect(messageOf(error)).toBe(text);
  });
});

describe('withinDeadline', () => {
  it('gives the work\'s value when it settles in time', async () => {
    const value = await withinDeadline(Promise.resolve('done'), 1000, () => 'late');
    expect(value).toBe('done');
  });

  it('gives the stand-in, with the bound in its reason, when the work never settles', async () => {
    const started = performance.now();
    const value = await withinDeadline(new Promise<string>(() => undefined), 50, (reason) => `late: ${reason}`);
    expect(value).toBe('late: compose-guard could not finish judging within 50 ms');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('passes a rejection through rather than hiding it behind the stand-in', async () => {
    await expect(withinDeadline(Promise.reject(new Error('boom')), 1000, () => 'late')).rejects.toThrow('boom');
  });

  it('leaves no timer behind that would keep a process alive', async () => {
    const before = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    await withinDeadline(Promise.resolve(1), 60_000, () => 0);
    expect(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length).toBe(before);
  });
});

describe('boundedInTime', () => {
  const files = { '/a.yaml': 'a: 1', '/b.yaml': 'b: 2' };

  it('reads while the clock is at or before the deadline, refuses after', () => {
    let now = 100;
    const fs = boundedInTime(memoryFs(files), 200, () => now);
    expect(fs.read('/a.yaml')).toBe('a: 1');
    now = 200;
    expect(fs.read('/b.yaml')).toBe('b: 2');
    now = 201;
    expect(() => fs.read('/a.yaml')).toThrow(CannotSee);
    expect(() => fs.read('/a.yaml')).toThrow('/a.yaml was not read: the time for judging ran out');
  });

  it('keeps the other file operations as they were', () => {
    const fs = boundedInTime(memoryFs(files), 0, () => 1);
    expect(fs.isFile('/a.yaml')).toBe(true);
    expect(fs.isFile('/c.yaml')).toBe(false);
    expect(fs.mode?.('/a.yaml')).toBe(0o100644);
  });
});
