// The shim's pre-filter as derived from the operation table (the shims themselves are run in
// test/shims/triggers.test.ts).
import { describe, expect, it } from 'vitest';
import { shimCaseArms, shimTriggers } from '../../src/grammar/triggers.js';

describe('shimTriggers', () => {
  it('docker: the commands that destroy by themselves are words; `up` only with its flags', () => {
    const t = shimTriggers('docker');
    expect(t.words).toEqual(expect.arrayContaining(['down', 'rm', 'remove', 'prune']));
    expect(t.words).not.toContain('up');
    expect(t.gatedWords).toEqual(['create', 'up']);
    expect(t.gatedFlags).toEqual(expect.arrayContaining(['--renew-anon-volumes', '--renew-anon-volumes=*', '-V*', '-[!-]*V*', '--yes', '--yes=*', '--y', '--y=*', '-y*', '-[!-]*y*']));
    expect(t.aliasWords).toEqual(['build', 'builder']);
  });

  it('docker-compose: v1 takes unique prefixes of its long flags', () => {
    const t = shimTriggers('docker-compose');
    expect(t.aliasWords).toEqual([]);
    expect(t.words).toEqual(expect.arrayContaining(['down', 'rm']));
    expect(t.words).not.toContain('prune');
    // v1 `up` takes any unique prefix of --renew-anon-volumes: --ren (--re is --remove-orphans too).
    expect(t.gatedFlags).toContain('--ren*');
    expect(t.gatedFlags).not.toContain('--re*');
  });

  it('is sorted and free of repeats', () => {
    for (const tool of ['docker', 'docker-compose'] as const) {
      const t = shimTriggers(tool);
      for (const list of [t.words, t.gatedWords, t.gatedFlags]) {
        expect(list).toEqual([...new Set(list)].sort());
      }
    }
  });
});

describe('shimCaseArms', () => {
  it('writes three sh case arms, and for docker the alias and --config arms', () => {
    const docker = shimCaseArms('docker').split('\n');
    expect(docker).toHaveLength(5);
    expect(docker[0]).toMatch(/^ {4}.*\bdown\b.*\) judge=yes; break ;;$/);
    expect(docker[1]).toBe('    create | up) word=yes ;;');
    expect(docker[2]).toMatch(/\) flag=yes ;;$/);
    expect(docker[3]).toBe('    build | builder) aliased=yes ;;');
    expect(docker[4]).toBe('    --config | --config=*) config=yes ;;');
    expect(shimCaseArms('docker-compose').split('\n')).toHaveLength(3);
  });
});
