// doctor on throwaway hosts (test/helpers/sandbox.sh) where routes are uncovered: it names each
// route and a fix; the fix, run exactly as printed, makes doctor pass. Also: a host without
// sudo, a user whose own ~/bin/docker comes first, --json, and the daemon backstop hook.
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/install.js';
import { runSandboxed, sandboxUnavailable } from '../helpers/sandbox.js';

const unavailable = sandboxUnavailable();
const doctor = `node ${repoRoot}/dist/judge.cjs doctor`;
// A Debian host: docker and docker-compose from their packages only.
const DEBIAN_HOST = `if ! dpkg-query -S /usr/local/bin/docker >/dev/null 2>&1; then rm -f /usr/local/bin/docker /usr/local/bin/docker-compose; fi\n`;
// Runs doctor, then every fix it printed, exactly as printed, then doctor again.
const APPLY_FIXES = `${doctor} > $SCRATCH/before; echo "before $?"
sed -n 's/^    fix: //p' $SCRATCH/before > $SCRATCH/fixes
while IFS= read -r fix; do sh -c "$fix" > /dev/null 2>&1 || echo "fix failed: $fix"; done < $SCRATCH/fixes
${doctor} > $SCRATCH/after; echo "after $?"
echo ===; cat $SCRATCH/before; echo ===; cat $SCRATCH/after
`;

function sections(stdout: string) {
  const [status = '', before = '', after = ''] = stdout.split('===\n');
  return { status, before, after };
}

describe.skipIf(unavailable !== undefined)('doctor', () => {
  it('on a host without the system install: names every route, and its fix makes them pass', () => {
    const run = runSandboxed(`${DEBIAN_HOST}${APPLY_FIXES}`);
    const { status, before, after } = sections(run.stdout);
    expect(status, run.stderr).toBe('before 1\nafter 0\n');
    for (const route of ['login shell of root', 'sudo', 'cron', 'systemd units', "ssh root@host 'docker …'", 'env -i sh -c']) {
      expect(before).toContain(`  ${route}: uncovered`);
      expect(before).toContain(`  - ${route}: docker is /usr/bin/docker, not guarded`);
      expect(after).toContain(`  ${route}: covered`);
    }
    expect(before).toContain('  - /usr/bin/docker by path: docker is /usr/bin/docker, not guarded');
    expect(before).toContain(`    fix: sh ${repoRoot}/install.sh --system\n`);
    expect(before).toContain('(diverts /usr/bin/docker of package docker.io and puts the shim there)');
    expect(after).toContain('docker: /usr/bin/docker (compose-guard shim) -> /usr/lib/compose-guard/real/docker');
    expect(after).toContain('no problems found');
  });

  it('a docker in /usr/local/bin that no package owns: the routes it shadows, and rm as the fix', () => {
    const run = runSandboxed(`${DEBIAN_HOST}sh ${repoRoot}/install.sh --system >/dev/null
cp /usr/lib/compose-guard/real/docker /usr/local/bin/docker
${APPLY_FIXES}test -e /usr/local/bin/docker || echo removed
`);
    const { status, before, after } = sections(run.stdout);
    expect(status, run.stderr).toBe('before 1\nafter 0\n');
    for (const route of ['login shell of root', 'sudo', 'systemd units', 'env -i sh -c']) {
      expect(before).toContain(`  - ${route}: docker is /usr/local/bin/docker, not guarded`);
    }
    expect(before).not.toMatch(/- cron: docker/);
    expect(before).toContain(`    fix: rm /usr/local/bin/docker && sh ${repoRoot}/install.sh --system\n`);
    expect(after).toContain('no problems found');
    expect(run.stdout).toContain('removed');
  });

  it('says "sudo is not installed" where it is not, and that is no problem', () => {
    const run = runSandboxed(`${DEBIAN_HOST}sh ${repoRoot}/install.sh --system >/dev/null; rm -f /usr/bin/sudo
/usr/local/bin/compose-guard doctor; echo "status $?"
`);
    expect(run.stdout, run.stderr).toContain('  sudo: unchecked (sudo is not installed)\n');
    expect(run.stdout).toContain('status 0');
  });

  it("checks the invoking user's login shell: a ~/bin/docker of their own is named, and moved aside by the fix", () => {
    const run = runSandboxed(`${DEBIAN_HOST}sh ${repoRoot}/install.sh --system >/dev/null
useradd --create-home --shell /bin/bash alice
mkdir /home/alice/bin && cp /usr/lib/compose-guard/real/docker /home/alice/bin/docker && chown -R alice: /home/alice/bin
export SUDO_USER=alice
${APPLY_FIXES}`);
    const { status, before, after } = sections(run.stdout);
    expect(status, run.stderr).toBe('before 1\nafter 0\n');
    expect(before).toContain('  - login shell of alice: docker is /home/alice/bin/docker, not guarded');
    expect(before).toContain('    fix: mv /home/alice/bin/docker /home/alice/bin/docker.unguarded\n');
    expect(after).toContain('  login shell of alice: covered');
    expect(after).toContain("  ssh alice@host 'docker …': covered");
  });

  it('--json: every route with what it reaches, the policy and the outcome of down -v', () => {
    const run = runSandboxed(`${DEBIAN_HOST}sh ${repoRoot}/install.sh --system >/dev/null
echo 'environment: production' > /etc/compose-guard/policy.yaml
/usr/local/bin/compose-guard doctor --json
`);
    const report = JSON.parse(run.stdout) as { routes: Array<{ route: string; status: string; tools: Array<{ tool: string; first: string; shim: boolean; real: string }> }>; policyFiles: Array<{ path: string }>; downV: string; problems: unknown[]; node: string; backstop: { state: string } };
    expect(report.problems).toEqual([]);
    expect(report.routes.map((r) => r.status)).not.toContain('uncovered');
    expect(report.routes.find((r) => r.route === 'cron')?.tools[0]).toEqual({ tool: 'docker', first: '/usr/bin/docker', shim: true, real: '/usr/lib/compose-guard/real/docker' });
    expect(report.policyFiles.map((f) => f.path)).toEqual(['/etc/compose-guard/policy.yaml']);
    expect(report.downV).toBe('stopped (77)');
    expect(report.node).toMatch(/^\/\S+node v\d+/);
    expect(report.backstop.state).toBe('absent');
  });

  it('daemon backstop: named in daemon.json but not listening is a problem; listening is active', () => {
    const run = runSandboxed(`${DEBIAN_HOST}sh ${repoRoot}/install.sh --system >/dev/null
mkdir -p /etc/docker /run/docker/plugins; echo '{"authorization-plugins": ["compose-guard"]}' > /etc/docker/daemon.json
/usr/local/bin/compose-guard doctor; echo "status $?"
python3 -c 'import socket; socket.socket(socket.AF_UNIX).bind("/run/docker/plugins/compose-guard.sock")'
/usr/local/bin/compose-guard doctor | grep backstop
`);
    expect(run.stdout, run.stderr).toContain('daemon backstop: broken (/etc/docker/daemon.json authorization-plugins names the plugin, but nothing listens on /run/docker/plugins/compose-guard.sock');
    expect(run.stdout).toContain('status 1');
    expect(run.stdout).toContain('daemon backstop: active (/etc/docker/daemon.json authorization-plugins; plugin listening on /run/docker/plugins/compose-guard.sock)');
  });
});
