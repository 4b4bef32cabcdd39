// `install.sh --system` and `--uninstall --system` on a throwaway root (test/helpers/sandbox.sh):
// idempotent, refuses a docker it cannot guard before changing anything, says what uninstall
// keeps, and --purge removes that too. The routes themselves are in test/e2e/system-install.
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/install.js';
import { runSandboxed, sandboxUnavailable } from '../helpers/sandbox.js';

const unavailable = sandboxUnavailable();
const install = `${repoRoot}/install.sh`;
// A Debian host: docker from its package only (this machine may have its own in /usr/local/bin).
const DEBIAN_HOST = `if ! dpkg-query -S /usr/local/bin/docker >/dev/null 2>&1; then rm -f /usr/local/bin/docker /usr/local/bin/docker-compose; fi\n`;
// What the installer writes (the rest of /usr may change under the overlay while tests run).
const snapshot = `snap() { find /usr/bin/docker /usr/bin/docker-compose /usr/local/bin/docker /usr/local/bin/docker-compose /usr/local/bin/compose-guard /usr/local/lib/compose-guard /usr/local/share/man/man1/compose-guard.1 /usr/local/share/bash-completion /usr/local/share/zsh /usr/lib/compose-guard /etc/compose-guard \\( -type f -o -type l \\) 2>/dev/null | grep -v '\\.cache$' | sort | xargs -r sha256sum; dpkg-divert --list | sort; }\n`;

describe.skipIf(unavailable !== undefined)('install.sh --system', () => {
  it('a second run changes nothing', () => {
    const run = runSandboxed(`${DEBIAN_HOST}${snapshot}set -e
${install} --system >/dev/null
snap > $SCRATCH/first
${install} --system >/dev/null
snap > $SCRATCH/second
cmp $SCRATCH/first $SCRATCH/second && echo same
grep -c 'by compose-guard' $SCRATCH/first
`);
    expect(run.stdout.split('\n'), run.stderr).toEqual(['same', '2', '']);
  });

  it('refuses a docker in /usr/local/bin that no package owns, and changes nothing', () => {
    const run = runSandboxed(`${DEBIAN_HOST}printf '#!/bin/sh\\necho unmanaged\\n' > /usr/local/bin/docker; chmod 755 /usr/local/bin/docker
${install} --system; echo "status $?"
dpkg-divert --list | grep -c compose-guard
ls /usr/local/lib/compose-guard /usr/lib/compose-guard 2>/dev/null | wc -l
`);
    expect(run.stderr).toMatch(/\/usr\/local\/bin\/docker is a docker that is not a compose-guard shim.*rm \/usr\/local\/bin\/docker; \/usr\/bin\/docker stays/);
    expect(run.stdout.split('\n')).toEqual(['status 1', '0', '0', '']);
  });

  it('uninstall says what it keeps and reminds to run hash -r; --purge removes the policy too', () => {
    const run = runSandboxed(`${DEBIAN_HOST}set -e
${install} --system >/dev/null
echo 'environment: production' > /etc/compose-guard/policy.yaml
${install} --uninstall --system
test -f /etc/compose-guard/policy.yaml && echo KEPT
${install} --system >/dev/null
${install} --uninstall --system --purge
test -e /etc/compose-guard || echo PURGED
`);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/kept: \/etc\/compose-guard \(policies, audit, permissions, snapshots\); '.*install.sh --uninstall --system --purge' removes them/);
    expect(run.stdout).toMatch(/run 'hash -r' in open shells/);
    expect(run.stdout).toContain('KEPT');
    expect(run.stdout).toMatch(/purged \/etc\/compose-guard/);
    expect(run.stdout).toContain('PURGED');
  });

  it('a docker that no package owns in /usr/bin is never overwritten: the shim goes to /usr/local/bin', () => {
    const run = runSandboxed(`${DEBIAN_HOST}set -e
dpkg-divert --package other --add --rename --divert /usr/bin/docker.other /usr/bin/docker >/dev/null
printf '#!/bin/sh\\necho hand-made\\n' > /usr/bin/docker; chmod 755 /usr/bin/docker
${install} --system
/usr/bin/docker
grep -q compose-guard-shim /usr/local/bin/docker && echo shim
env -i PATH=/usr/local/bin:/usr/bin:/bin docker version
`);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/shim: \/usr\/local\/bin\/docker \(\/usr\/bin\/docker belongs to no package; not diverted, so cron's PATH=\/usr\/bin:\/bin is not covered\)/);
    expect(run.stdout.split('\n').slice(-4)).toEqual(['hand-made', 'shim', 'hand-made', '']);
  });

  it('must run as root', () => {
    const run = runSandboxed(`setpriv --reuid=65534 --regid=65534 --clear-groups ${install} --system; echo "status $?"\n`);
    expect(run.stdout).toContain('status 1');
    expect(run.stderr).toMatch(/--system changes \/usr and \/etc: run it as root/);
  });
});
