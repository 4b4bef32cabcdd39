// The routes a command reaches docker by on this host, each with the way to ask it (probe.ts):
// login shells of root and of the invoking user, sudo, cron, systemd units, ssh, env -i. A
// route that cannot be asked from here (root's, by a user without sudo) says how to check it.
import { existsSync } from 'node:fs';
import { execa } from 'execa';
import { PROBE_SCRIPT } from './probe.js';

export interface Account {
  name: string;
  home: string;
  shell: string;
}

export interface RoutePlan {
  route: string;
  /** How the route's environment is made, in one line. */
  how: string;
  /** The command that runs PROBE_SCRIPT in that environment, and its environment. */
  argv?: string[];
  env?: Record<string, string>;
  /** Why it is not asked (a note, not a problem). */
  unchecked?: string;
}

export interface HostFacts {
  uid: number;
  root: Account;
  /** The user who ran doctor (SUDO_USER under sudo); undefined when that is root. */
  user?: Account;
  sudo?: string;
  sshd: boolean;
  systemdPath?: string;
  cronPath?: string;
  /** The command that checks the routes only root can ask (this doctor, under sudo). */
  asRootDoctor: string;
}

/** crontab(5): cron runs jobs with PATH=/usr/bin:/bin unless the crontab sets one. */
export const CRON_PATH = '/usr/bin:/bin';
/** systemd.exec(5): the manager's default PATH on a merged-/usr system. */
export const SYSTEMD_DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin';
/** OpenSSH's compiled-in PATH for `ssh host 'command'` (Debian), for users and for root. */
export const SSH_USER_PATH = '/usr/local/bin:/usr/bin:/bin:/usr/games';
export const SSH_ROOT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export async function account(name: string): Promise<Account | undefined> {
  const result = await execa('getent', ['passwd', name], { reject: false, timeout: 5000 });
  const fields = String(result.stdout).split('\n')[0]?.split(':') ?? [];
  if (result.exitCode !== 0 || fields.length < 7) return undefined;
  return { name, home: fields[5] ?? '/', shell: fields[6] || '/bin/sh' };
}

function accountEnv(a: Account, path: string, extra: Record<string, string> = {}): string[] {
  return Object.entries({ HOME: a.home, USER: a.name, LOGNAME: a.name, SHELL: a.shell, PATH: path, ...extra }).map(([k, v]) => `${k}=${v}`);
}

/** Runs argv as account `a`: directly when that is who we are, through runuser when root. */
function as(facts: HostFacts, a: Account, argv: string[]): string[] | undefined {
  if (facts.uid === 0 && a.name !== 'root') return ['runuser', '-u', a.name, '--', ...argv];
  if ((facts.uid === 0) === (a.name === 'root')) return argv;
  return undefined;
}

function loginShell(facts: HostFacts, a: Account, label: string): RoutePlan {
  const route = `login shell of ${label}`;
  const how = `${a.shell} -l, as ${a.name} logs in (su -l, ssh, console)`;
  if (facts.uid === 0) return { route, how, argv: ['runuser', '-l', a.name, '-c', PROBE_SCRIPT] };
  if (a.name !== 'root') return { route, how, argv: ['env', '-i', ...accountEnv(a, SSH_USER_PATH, { TERM: 'dumb' }), a.shell, '-l', '-c', PROBE_SCRIPT] };
  return { route, how, unchecked: `only root can start root's login shell: run ${facts.asRootDoctor}` };
}

function sshRoute(facts: HostFacts, a: Account, label: string): RoutePlan {
  const route = `ssh ${label}@host 'docker …'`;
  const path = a.name === 'root' ? SSH_ROOT_PATH : SSH_USER_PATH;
  const how = `${a.shell} -c as sshd starts it (PATH=${path}, ~/.bashrc for bash)`;
  if (!facts.sshd) return { route, how, unchecked: 'no sshd on this host' };
  const ssh = { SSH_CLIENT: '127.0.0.1 22 22', SSH_CONNECTION: '127.0.0.1 22 127.0.0.1 22', SHLVL: '0' };
  const argv = as(facts, a, ['env', '-i', ...accountEnv(a, path, ssh), a.shell, '-c', PROBE_SCRIPT]);
  return argv ? { route, how, argv } : { route, how, unchecked: `only root can act as ${a.name}: run ${facts.asRootDoctor}` };
}

export function routePlans(facts: HostFacts): RoutePlan[] {
  const plans: RoutePlan[] = [loginShell(facts, facts.root, 'root')];
  if (facts.user) plans.push(loginShell(facts, facts.user, facts.user.name));
  if (!facts.sudo) plans.push({ route: 'sudo', how: 'sudo', unchecked: 'sudo is not installed' });
  else plans.push({ route: 'sudo', how: `${facts.sudo} -n (its secure_path)`, argv: [facts.sudo, '-n', '/bin/sh', '-c', PROBE_SCRIPT] });
  plans.push({ route: 'cron', how: `PATH=${CRON_PATH} (crontab(5))`, argv: ['/bin/sh', '-c', PROBE_SCRIPT], env: { PATH: CRON_PATH, SHELL: '/bin/sh' } });
  if (facts.cronPath && facts.cronPath !== CRON_PATH) {
    plans.push({ route: 'cron (/etc/crontab)', how: `PATH=${facts.cronPath} (set in /etc/crontab)`, argv: ['/bin/sh', '-c', PROBE_SCRIPT], env: { PATH: facts.cronPath, SHELL: '/bin/sh' } });
  }
  const systemdPath = facts.systemdPath ?? SYSTEMD_DEFAULT_PATH;
  plans.push({ route: 'systemd units', how: `PATH=${systemdPath} (${facts.systemdPath ? 'systemd-path search-binaries-default' : 'systemd.exec(5) default'})`, argv: ['/bin/sh', '-c', PROBE_SCRIPT], env: { PATH: systemdPath } });
  plans.push(sshRoute(facts, facts.root, 'root'));
  if (facts.user) plans.push(sshRoute(facts, facts.user, facts.user.name));
  plans.push({ route: 'env -i sh -c', how: 'no environment at all (the shell\'s built-in PATH)', argv: ['/usr/bin/env', '-i', 'sh', '-c', PROBE_SCRIPT] });
  return plans;
}

export async function hostFacts(uid: number, userName: string, sudoUser: string | undefined, asRootDoctor: string, readFile: (f: string) => string | undefined): Promise<HostFacts> {
  const root = (await account('root')) ?? { name: 'root', home: '/root', shell: '/bin/sh' };
  const invoking = uid === 0 ? sudoUser : userName;
  const user = invoking && invoking !== 'root' ? await account(invoking) : undefined;
  const sudo = ['/usr/bin/sudo', '/bin/sudo', '/usr/local/bin/sudo'].find((f) => existsSync(f));
  const systemd = await execa('systemd-path', ['search-binaries-default'], { reject: false, timeout: 5000 }).catch(() => undefined);
  const systemdPath = systemd?.exitCode === 0 ? String(systemd.stdout).trim() || undefined : undefined;
  const cronPath = readFile('/etc/crontab')?.match(/^\s*PATH\s*=\s*(\S+)/m)?.[1];
  return { uid, root, user, sudo, sshd: existsSync('/usr/sbin/sshd'), systemdPath, cronPath, asRootDoctor };
}
