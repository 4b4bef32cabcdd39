// The .deb (scripts/build-deb.sh, dpkg-deb alone) on a throwaway Debian host: installing it
// diverts the packages' docker and docker-compose and guards every route; removing it restores
// them byte for byte and keeps the policy; purging removes the policy too.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/install.js';
import { openTempDir, runSandboxed, sandboxUnavailable } from '../helpers/sandbox.js';

const unavailable = sandboxUnavailable();

describe.skipIf(unavailable !== undefined)('the .deb', () => {
  it('installs for the whole host, removes byte for byte, purges the policy', () => {
    const out = openTempDir('cg-deb-');
    const built = spawnSync(path.join(repoRoot, 'scripts/build-deb.sh'), [out], { encoding: 'utf8', timeout: 120_000 });
    expect(built.status, built.stderr).toBe(0);
    const deb = built.stdout.trim();
    expect(spawnSync('dpkg-deb', ['--field', deb, 'Package', 'Architecture']).stdout.toString()).toBe('Package: compose-guard\nArchitecture: all\n');
    const run = runSandboxed(`if ! dpkg-query -S /usr/local/bin/docker >/dev/null 2>&1; then rm -f /usr/local/bin/docker /usr/local/bin/docker-compose; fi
sums() { sha256sum /usr/bin/docker /usr/bin/docker-compose | cut -d' ' -f1 | tr '\\n' ' '; }
echo "before $(sums)"
dpkg -i ${deb} >$SCRATCH/dpkg.log 2>&1 || { echo "dpkg -i failed"; cat $SCRATCH/dpkg.log; }
dpkg-divert --list | grep -c 'by compose-guard'
echo 'environment: production' > /etc/compose-guard/policy.yaml
cd /tmp && env -i PATH=/usr/bin:/bin docker volume rm cg-deb-volume 2>/dev/null; echo "cron-like $?"
compose-guard doctor >$SCRATCH/doctor.log; echo "doctor $?"
dpkg -r compose-guard 2>&1 | grep -o "kept: .*"; echo "after $(sums)"
test -f /etc/compose-guard/policy.yaml && echo kept
dpkg -P compose-guard >/dev/null 2>&1; test -e /etc/compose-guard || echo purged
dpkg-divert --list | grep -c 'by compose-guard'
`);
    const lines = run.stdout.split('\n');
    expect(lines[1], run.stdout).toBe('2');
    expect(lines).toContain('cron-like 77');
    expect(lines, run.stdout).toContain('doctor 0');
    expect(lines.find((l) => l.startsWith('after '))?.slice(6)).toBe(lines[0]?.slice(7));
    expect(lines).toContain('kept');
    expect(lines).toContain("kept: /etc/compose-guard (policies, audit, permissions, snapshots); 'apt purge compose-guard' removes them");
    expect(lines).toContain('purged');
    expect(lines.at(-2)).toBe('0');
  });
});
