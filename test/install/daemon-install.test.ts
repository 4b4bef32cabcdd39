// `install.sh --system --daemon` on a throwaway root (test/helpers/sandbox.sh): the systemd unit,
// the registration in /etc/docker/daemon.json that keeps every other setting, a unit whose
// ExecStart really serves the plugin at the default sockets, and an uninstall that unregisters
// the plugin before anything else.
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/install.js';
import { runSandboxed, sandboxUnavailable } from '../helpers/sandbox.js';

const unavailable = sandboxUnavailable();
const install = `${repoRoot}/install.sh`;
const DEBIAN_HOST = `if ! dpkg-query -S /usr/local/bin/docker >/dev/null 2>&1; then rm -f /usr/local/bin/docker /usr/local/bin/docker-compose; fi\n`;
const UNIT = '/etc/systemd/system/compose-guard-daemon.service';

describe.skipIf(unavailable !== undefined)('install.sh --system --daemon', () => {
  it('installs the unit, registers the plugin keeping daemon.json, and the unit serves it', () => {
    const run = runSandboxed(`${DEBIAN_HOST}set -e
mkdir -p /etc/docker /etc/compose-guard
printf '{"log-level": "warn", "authorization-plugins": ["other"]}\\n' > /etc/docker/daemon.json
echo 'environment: production' > /etc/compose-guard/policy.yaml
${install} --system --daemon
${install} --system --daemon | grep -c 'already registered'
node -e 'console.log(JSON.stringify(JSON.parse(require("fs").readFileSync("/etc/docker/daemon.json","utf8"))))'
grep -E '^(Restart|Before|ExecStart)=' ${UNIT} | sed 's|=.*/judge-loader.cjs|=NODE LIB/judge-loader.cjs|'
sh -c "exec $(sed -n 's/^ExecStart=//p' ${UNIT})" 2>/tmp/plugin.log &
i=0; until [ -S /run/docker/plugins/compose-guard.sock ] || [ $i -ge 100 ]; do sleep 0.1; i=$((i+1)); done
curl -s --unix-socket /run/docker/plugins/compose-guard.sock -X POST http://x/Plugin.Activate; echo
curl -s --unix-socket /run/docker/plugins/compose-guard.sock -X POST -d '{"RequestMethod":"DELETE","RequestUri":"/v1.41/volumes/huangpu_postgres"}' http://x/AuthZPlugin.AuthZReq | cut -c1-80
stat -c '%a %U' /run/compose-guard/grants.sock
kill $!
${install} --uninstall --system | grep -E 'unregistered|removed /etc/systemd'
node -e 'console.log(JSON.stringify(JSON.parse(require("fs").readFileSync("/etc/docker/daemon.json","utf8"))))'
test -e ${UNIT} || echo 'no unit'
`);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('registered: "authorization-plugins": ["compose-guard"] in /etc/docker/daemon.json');
    expect(run.stdout).toContain('note: systemd is not running here; start the plugin by hand');
    const tail = run.stdout.split('\n').slice(-13);
    expect(tail).toEqual([
      '1',
      '{"log-level":"warn","authorization-plugins":["other","compose-guard"]}',
      'Before=docker.service',
      'ExecStart=NODE LIB/judge-loader.cjs daemon',
      'Restart=always',
      '{"Implements":["authz"]}',
      '{"Allow":false,"Msg":"compose-guard refused DELETE /volumes/huangpu_postgres: it',
      expect.stringMatching(/^(660|600) root$/),
      'unregistered the plugin from /etc/docker/daemon.json',
      `removed ${UNIT}`,
      '{"log-level":"warn","authorization-plugins":["other"]}',
      'no unit',
      '',
    ]);
  });

  it('refuses a daemon.json it cannot read, and --daemon without --system', () => {
    const run = runSandboxed(`${DEBIAN_HOST}
mkdir -p /etc/docker; echo '{broken' > /etc/docker/daemon.json
${install} --system --daemon; echo "status $?"
${install} --daemon; echo "status $?"
`);
    expect(run.stderr).toMatch(/\/etc\/docker\/daemon\.json is not valid JSON .*; fix it first/);
    expect(run.stderr).toContain('install.sh: --daemon goes with --system');
    expect(run.stdout).toMatch(/status 1\n[^]*status 2\n$/);
  });
});
