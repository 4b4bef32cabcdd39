// What a route's docker is: a shim (and the real program it runs: the one it was installed with,
// else the next docker on the route's PATH) or an unguarded program; and the fix for an
// unguarded one, which depends on where it is and who owns it.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dpkgOwner, fixUnguarded, reach, shimTarget, type Fixer } from '../../../src/tools/doctor/reach.js';

function executable(file: string, text: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  chmodSync(file, 0o755);
  return file;
}

const root = mkdtempSync(path.join(tmpdir(), 'cg-reach-'));
const real = executable(path.join(root, 'real/docker'), '#!/bin/sh\n');
const later = executable(path.join(root, 'later/docker'), '#!/bin/sh\n');
const divertedShim = executable(path.join(root, 'diverted/docker'), `#!/bin/sh\n# compose-guard-shim\nguard_real='${real}'\n`);
const plainShim = executable(path.join(root, 'plain/docker'), `#!/bin/sh\n# compose-guard-shim\nguard_real=\n`);
const goneShim = executable(path.join(root, 'gone/docker'), `#!/bin/sh\n# compose-guard-shim\nguard_real='${root}/nothing/docker'\n`);

describe('shimTarget and reach', () => {
  it('a shim installed over a diverted program runs that program', () => {
    expect(shimTarget(divertedShim, 'docker', `${path.dirname(later)}`)).toBe(real);
    expect(reach('docker', divertedShim, path.dirname(later))).toEqual({ tool: 'docker', first: divertedShim, shim: true, real });
  });

  it('otherwise the next docker on the route\'s PATH, never the shim itself; none is null', () => {
    const routePath = `${path.dirname(plainShim)}:${path.dirname(later)}`;
    expect(shimTarget(plainShim, 'docker', routePath)).toBe(later);
    expect(shimTarget(goneShim, 'docker', `${path.dirname(goneShim)}:${path.dirname(later)}`)).toBe(later);
    expect(shimTarget(plainShim, 'docker', path.dirname(plainShim))).toBeNull();
    expect(shimTarget(path.join(root, 'no/such/shim'), 'docker', routePath)).toBeNull();
  });

  it('a program that is no shim is its own real program; nothing found is nothing', () => {
    expect(reach('docker', later, '')).toEqual({ tool: 'docker', first: later, shim: false, real: later });
    expect(reach('docker-compose', null, '')).toEqual({ tool: 'docker-compose', first: null, shim: false, real: null });
  });
});

describe('dpkgOwner', () => {
  it("names the Debian package owning a file, a diverted one too, and none for a file no package owns", async () => {
    expect(await dpkgOwner('/usr/bin/env')).toBe('coreutils');
    // dash diverts /bin/sh: dpkg-query first prints the diversion.
    expect(await dpkgOwner('/bin/sh')).toBe('dash');
    expect(await dpkgOwner(later)).toBeUndefined();
  });
});

describe('fixUnguarded', () => {
  const fixer = (owner?: string): Fixer => ({ asRoot: (c) => `sudo ${c}`, installSystem: 'sh /opt/cg/install.sh --system', owner: async () => owner });

  it.each([
    ['a docker in a home comes first', 'login shell of alice', '/home/alice/bin/docker', undefined,
      { fix: 'mv /home/alice/bin/docker /home/alice/bin/docker.unguarded', why: 'as its owner; /home/alice/bin/docker comes before the guarded docker' }],
    ["a package's /usr/bin/docker is diverted", 'cron', '/usr/bin/docker', 'docker.io',
      { fix: 'sudo sh /opt/cg/install.sh --system', why: 'diverts /usr/bin/docker of package docker.io and puts the shim there' }],
    ['no package: cron reinstalls it', 'cron', '/usr/bin/docker', undefined,
      { fix: 'sudo apt-get install --reinstall docker.io && sudo sh /opt/cg/install.sh --system', why: expect.stringContaining('belongs to no package, so it cannot be diverted') }],
    ['no package: by path reinstalls it', '/usr/bin/docker-compose by path', '/usr/bin/docker-compose', undefined,
      { fix: 'sudo apt-get install --reinstall docker-compose && sudo sh /opt/cg/install.sh --system', why: expect.stringContaining("Debian's replaces it") }],
    ['no package: a login shell gets the shim ahead of it', 'login shell of root', '/bin/docker', undefined,
      { fix: 'sudo sh /opt/cg/install.sh --system', why: 'puts the shim in /usr/local/bin, ahead of /usr/bin' }],
  ] as const)('%s', async (_name, route, file, owner, expected) => {
    const tool = path.basename(file) as 'docker' | 'docker-compose';
    expect(await fixUnguarded(route, tool, file, fixer(owner), ['/', '/home/alice', '/root'])).toEqual(expected);
  });

  it('a stray docker elsewhere is removed when /usr/bin has one, else moved there', async () => {
    const fix = await fixUnguarded('systemd units', 'docker', '/usr/local/bin/docker', fixer(), ['/']);
    expect(fix.why).toBe('/usr/local/bin/docker belongs to no package and comes before every shim');
    const aside = existsSync('/usr/bin/docker') ? 'rm /usr/local/bin/docker' : 'mv /usr/local/bin/docker /usr/bin/docker';
    expect(fix.fix).toBe(`sudo ${aside} && sudo sh /opt/cg/install.sh --system`);
  });
});
