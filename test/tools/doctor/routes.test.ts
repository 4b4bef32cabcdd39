// The routes doctor asks, planned from the host's facts: who runs it (root, or a user; under
// sudo the invoking user too), whether sudo and sshd exist, and the PATHs cron and systemd give;
// a route that cannot be asked from here says how to check it. And the facts, read from the host.
import { describe, expect, it } from 'vitest';
import { account, CRON_PATH, hostFacts, routePlans, SSH_ROOT_PATH, SSH_USER_PATH, SYSTEMD_DEFAULT_PATH, type HostFacts } from '../../../src/tools/doctor/routes.js';
import { PROBE_SCRIPT } from '../../../src/tools/doctor/probe.js';

const root = { name: 'root', home: '/root', shell: '/bin/bash' };
const alice = { name: 'alice', home: '/home/alice', shell: '/bin/zsh' };
const facts = (over: Partial<HostFacts>): HostFacts => ({ uid: 0, root, sudo: '/usr/bin/sudo', sshd: true, asRootDoctor: 'sudo compose-guard doctor', ...over });
const byRoute = (plans: ReturnType<typeof routePlans>) => Object.fromEntries(plans.map((p) => [p.route, p]));

describe('routePlans', () => {
  it('as root with an invoking user: every route is asked, the user\'s through runuser', () => {
    const plans = routePlans(facts({ user: alice }));
    expect(plans.map((p) => p.route)).toEqual([
      'login shell of root', 'login shell of alice', 'sudo', 'cron', 'systemd units', "ssh root@host 'docker …'", "ssh alice@host 'docker …'", 'env -i sh -c',
    ]);
    expect(plans.every((p) => p.argv && !p.unchecked)).toBe(true);
    const r = byRoute(plans);
    expect(r['login shell of alice']!.argv).toEqual(['runuser', '-l', 'alice', '-c', PROBE_SCRIPT]);
    expect(r.sudo!.argv).toEqual(['/usr/bin/sudo', '-n', '/bin/sh', '-c', PROBE_SCRIPT]);
    expect(r.cron!.env).toEqual({ PATH: CRON_PATH, SHELL: '/bin/sh' });
    expect(r['systemd units']!.env).toEqual({ PATH: SYSTEMD_DEFAULT_PATH });
    expect(r["ssh root@host 'docker …'"]!.argv).toEqual(expect.arrayContaining([`PATH=${SSH_ROOT_PATH}`, '/bin/bash', '-c', PROBE_SCRIPT]));
    expect(r["ssh alice@host 'docker …'"]!.argv!.slice(0, 4)).toEqual(['runuser', '-u', 'alice', '--']);
    expect(r["ssh alice@host 'docker …'"]!.argv).toEqual(expect.arrayContaining([`PATH=${SSH_USER_PATH}`, 'HOME=/home/alice', '/bin/zsh']));
  });

  it("as a user: root's routes are left unchecked with the command that checks them", () => {
    const r = byRoute(routePlans(facts({ uid: 1000, user: alice })));
    expect(r['login shell of root']).toMatchObject({ unchecked: "only root can start root's login shell: run sudo compose-guard doctor" });
    expect(r["ssh root@host 'docker …'"]).toMatchObject({ unchecked: 'only root can act as root: run sudo compose-guard doctor' });
    expect(r['login shell of alice']!.argv!.slice(0, 2)).toEqual(['env', '-i']);
    expect(r["ssh alice@host 'docker …'"]!.argv![0]).toBe('env');
  });

  it('no sudo, no sshd: said, not asked; a PATH set in /etc/crontab and systemd\'s own PATH are asked too', () => {
    const r = byRoute(routePlans(facts({ sudo: undefined, sshd: false, cronPath: '/opt/bin:/usr/bin', systemdPath: '/sbin:/bin' })));
    expect(r.sudo).toEqual({ route: 'sudo', how: 'sudo', unchecked: 'sudo is not installed' });
    expect(r["ssh root@host 'docker …'"]!.unchecked).toBe('no sshd on this host');
    expect(r['cron (/etc/crontab)']!.env).toEqual({ PATH: '/opt/bin:/usr/bin', SHELL: '/bin/sh' });
    expect(r['systemd units']).toMatchObject({ env: { PATH: '/sbin:/bin' }, how: 'PATH=/sbin:/bin (systemd-path search-binaries-default)' });
    expect(byRoute(routePlans(facts({ cronPath: CRON_PATH })))['cron (/etc/crontab)']).toBeUndefined();
  });
});

describe('the host facts', () => {
  it('reads accounts from the password database', async () => {
    expect(await account('root')).toEqual({ name: 'root', home: '/root', shell: expect.stringMatching(/^\//) });
    expect(await account('no-such-user-cg')).toBeUndefined();
  });

  it("reads /etc/crontab's PATH through the reader it is given, and the invoking user under sudo", async () => {
    const crontab = (f: string) => (f === '/etc/crontab' ? 'SHELL=/bin/sh\n  PATH = /usr/local/bin:/usr/bin\n' : undefined);
    const f = await hostFacts(0, 'root', 'root', 'sudo cg doctor', crontab);
    expect(f).toMatchObject({ uid: 0, user: undefined, cronPath: '/usr/local/bin:/usr/bin', asRootDoctor: 'sudo cg doctor', root: { name: 'root', home: '/root' } });
    expect((await hostFacts(0, 'root', undefined, '', () => undefined)).cronPath).toBeUndefined();
  });
});
