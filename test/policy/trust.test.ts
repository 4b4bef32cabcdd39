// Which policy files deserve trust, on real files: absent is absent, anything that exists but
// cannot be used is broken; the host path must be root's all the way (sticky folders allowed).
import { chmodSync, chownSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_POLICY_BYTES, readPolicyText, untrustedHostPath } from '../../src/policy/trust.js';
import { loadPolicy } from '../../src/policy/policy.js';

const NOBODY = 65534;

function dir(mode = 0o755): string {
  const d = mkdtempSync(path.join(tmpdir(), 'cg-trust-'));
  chmodSync(d, mode);
  return d;
}

describe('readPolicyText', () => {
  it.each<[string, (d: string) => string, RegExp | 'absent' | 'read']>([
    ['a missing file', (d) => path.join(d, 'p.yaml'), 'absent'],
    ['a path through a file', (d) => { writeFileSync(path.join(d, 'f'), ''); return path.join(d, 'f', 'p.yaml'); }, 'absent'],
    ['a regular file', (d) => { writeFileSync(path.join(d, 'p.yaml'), 'environment: ci\n'); return path.join(d, 'p.yaml'); }, 'read'],
    ['a dangling symbolic link', (d) => { symlinkSync('/nonexistent/p.yaml', path.join(d, 'p.yaml')); return path.join(d, 'p.yaml'); }, /symbolic link to nothing/],
    ['a symbolic link loop', (d) => { symlinkSync('p.yaml', path.join(d, 'p.yaml')); return path.join(d, 'p.yaml'); }, /cannot be read \(ELOOP\)/],
    ['a FIFO', (d) => { execFileSync('mkfifo', [path.join(d, 'p.yaml')]); return path.join(d, 'p.yaml'); }, /not a regular file/],
    ['/dev/zero', (d) => { symlinkSync('/dev/zero', path.join(d, 'p.yaml')); return path.join(d, 'p.yaml'); }, /not a regular file/],
    ['a folder', (d) => { mkdirSync(path.join(d, 'p.yaml')); return path.join(d, 'p.yaml'); }, /not a regular file/],
    ['a file over the bound', (d) => { writeFileSync(path.join(d, 'p.yaml'), Buffer.alloc(MAX_POLICY_BYTES + 1, 0x20)); return path.join(d, 'p.yaml'); }, /larger than/],
  ])('%s', (_, make, expected) => {
    const read = readPolicyText(make(dir()));
    if (expected === 'absent' || expected === 'read') expect(read.state).toBe(expected);
    else expect(read).toMatchObject({ state: 'broken', reason: expect.stringMatching(expected) });
  });

  it('a broken user or COMPOSE_GUARD_POLICY file is a policy error, not no policy', () => {
    const home = dir();
    mkdirSync(path.join(home, '.config/compose-guard'), { recursive: true });
    symlinkSync('/nonexistent', path.join(home, '.config/compose-guard/policy.yaml'));
    execFileSync('mkfifo', [path.join(home, 'env.yaml')]);
    const policy = loadPolicy({ HOME: home, COMPOSE_GUARD_POLICY: path.join(home, 'env.yaml') });
    expect(policy.errors).toEqual([expect.stringMatching(/symbolic link to nothing/), expect.stringMatching(/env\.yaml: not a regular file/)]);
  });
});

describe.skipIf(process.getuid?.() !== 0)('untrustedHostPath', () => {
  it('trusts root-owned folders and file, through /tmp (sticky) and a root-owned link', () => {
    const d = dir();
    writeFileSync(path.join(d, 'real.yaml'), '');
    symlinkSync(path.join(d, 'real.yaml'), path.join(d, 'policy.yaml'));
    expect(untrustedHostPath(path.join(d, 'policy.yaml'))).toBeUndefined();
  });

  it.each<[string, (d: string) => string, RegExp]>([
    ['a file owned by another user', (d) => { writeFileSync(path.join(d, 'p'), ''); chownSync(path.join(d, 'p'), NOBODY, NOBODY); return path.join(d, 'p'); }, /owned by uid 65534/],
    ['a group-writable file', (d) => { writeFileSync(path.join(d, 'p'), ''); chmodSync(path.join(d, 'p'), 0o664); return path.join(d, 'p'); }, /writable by group or others \(mode 664\)/],
    ['a world-writable folder without the sticky bit', (d) => { chmodSync(d, 0o777); writeFileSync(path.join(d, 'p'), ''); return path.join(d, 'p'); }, /writable by group or others \(mode 777\)/],
    ['a link into another user\'s folder', (d) => {
      const theirs = dir();
      chownSync(theirs, NOBODY, NOBODY);
      writeFileSync(path.join(theirs, 'p'), '');
      symlinkSync(path.join(theirs, 'p'), path.join(d, 'p'));
      return path.join(d, 'p');
    }, /owned by uid 65534/],
    ['a missing file', (d) => path.join(d, 'p'), /cannot be checked \(ENOENT\)/],
  ])('refuses %s', (_, make, message) => {
    expect(untrustedHostPath(make(dir()))).toMatch(message);
  });
});
