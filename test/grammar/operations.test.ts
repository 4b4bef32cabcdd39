// The operation table: each volume-destroying operation declared once, and what is derived from it.
import { describe, expect, it } from 'vitest';
import { destroyingFlags, destroysAt, OPERATIONS, operationSpec, operationsFound, type FlagProbe } from '../../src/grammar/operations.js';

const probe = (on: string[]): FlagProbe => ({ on: (f) => on.includes(f), sites: (f) => (on.includes(f) ? [{ at: 7 }] : []) });

describe('the table', () => {
  it('declares each kind once, placed in at least one grammar, with something to say instead', () => {
    const kinds = OPERATIONS.map((o) => o.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    for (const o of OPERATIONS) {
      expect(Object.keys(o.at).length, o.kind).toBeGreaterThan(0);
      expect(o.alternative.says, o.kind).not.toBe('');
    }
  });

  it('gates on a flag only where a flag exists (an everyday `up` must not wake the judge)', () => {
    for (const o of OPERATIONS.filter((op) => op.trigger === 'word-and-flag')) {
      for (const at of Object.values(o.at)) expect(at.flag, o.kind).toBeDefined();
    }
  });

  it('finds each kind by name', () => {
    for (const o of OPERATIONS) expect(operationSpec(o.kind)).toBe(o);
  });
});

describe('destroyingFlags', () => {
  it.each<[Parameters<typeof destroyingFlags>[0], string, string[]]>([
    ['compose-v2', 'down', ['volumes']],
    ['compose-v2', 'up', ['renew-anon-volumes', 'yes']],
    ['compose-v2', 'create', ['yes']],
    ['compose-v1', 'up', ['renew-anon-volumes']],
    ['compose-v1', 'rm', ['v']],
    ['compose-v1', 'create', []],
    ['docker', 'system prune', ['volumes']],
    ['docker', 'volume rm', []],
    ['docker', 'ps', []],
  ])('%s %s -> %j', (reader, command, longs) => {
    expect(destroyingFlags(reader, command).map((f) => f.long)).toEqual(longs);
  });

  it('keeps the spellings Compose accepts (--volume, -y, --y)', () => {
    expect(destroyingFlags('compose-v2', 'down')[0]).toMatchObject({ short: 'v', aliases: ['volume'] });
    expect(destroyingFlags('compose-v2', 'up').find((f) => f.long === 'yes')).toMatchObject({ short: 'y', aliases: ['y'] });
  });
});

describe('destroysAt', () => {
  it.each<[Parameters<typeof destroysAt>[0], string, boolean]>([
    ['docker', 'volume rm', true], ['docker', 'volume remove', true], ['docker', 'volume prune', true], ['docker', 'container rm', true],
    ['docker', 'rm', true], ['docker', 'volume ls', false], ['docker', 'down', false],
    ['compose-v2', 'down', true], ['compose-v2', 'create', true], ['compose-v1', 'create', false], ['compose-v2', 'ps', false],
  ])('%s %s -> %s', (reader, command, destroys) => {
    expect(destroysAt(reader, command)).toBe(destroys);
  });
});

describe('operationsFound', () => {
  it('finds the command that destroys by itself, with no sites', () => {
    expect(operationsFound('docker', 'volume prune', probe([]))).toEqual([{ kind: 'volume-prune', summary: 'volume prune', reaches: 'named', sites: [] }]);
  });

  it('finds a flag-gated operation only with its flag on, with the flag\'s sites', () => {
    expect(operationsFound('compose-v2', 'down', probe([]))).toEqual([]);
    expect(operationsFound('compose-v2', 'down', probe(['volumes']))).toEqual([{ kind: 'compose-down-volumes', summary: 'compose down --volumes', reaches: 'named', sites: [{ at: 7 }] }]);
  });

  it('lists several in table order, naming the subcommand of --yes', () => {
    const found = operationsFound('compose-v2', 'up', probe(['yes', 'renew-anon-volumes']));
    expect(found.map((o) => [o.kind, o.summary])).toEqual([
      ['compose-up-renew-anon-volumes', 'compose up --renew-anon-volumes'],
      ['compose-up-recreate-volumes', 'compose up --yes'],
    ]);
    expect(operationsFound('compose-v2', 'create', probe(['yes']))[0]?.summary).toBe('compose create --yes');
  });

  it('adds the caller\'s extra fields (volume names, containers)', () => {
    expect(operationsFound('docker', 'volume rm', probe([]), { volumeNames: ['a', 'b'] })[0]?.volumeNames).toEqual(['a', 'b']);
    expect(operationsFound('docker', 'rm', probe(['volumes']), { containers: ['web'] })[0]).toMatchObject({ kind: 'container-rm-volumes', containers: ['web'], reaches: 'anonymous' });
  });

  it('finds nothing for another reader\'s command', () => {
    expect(operationsFound('compose-v1', 'volume rm', probe([]))).toEqual([]);
  });
});
