// Permits between real users: alice and bob (created here with useradd, commands run as them
// with setpriv), and root under `sudo -E`-like environments. The host file, when a scene needs
// one, and root's home are given in a private mount namespace: the machine's /etc and /root
// are never written.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardArgv, JUDGE, onTerminal } from '../../helpers/cli-process.js';
import { repoRoot } from '../../helpers/install.js';
import { CAN_UNSHARE } from '../../helpers/namespace.js';

interface User { name: string; uid: number; home: string; project: string }
const users: User[] = [];
let alice: User;
let bob: User;
let hostEtc: string;
let rootHome: string;

function addUser(prefix: string): User {
  const name = `${prefix}${process.pid % 100000}${Math.floor(Math.random() * 1000)}`;
  const home = mkdtempSync(path.join(tmpdir(), `cg-${prefix}-`));
  execFileSync('useradd', ['-M', '-d', home, '-s', '/bin/sh', name]);
  const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
  const project = path.join(home, 'huangpu');
  cpSync(path.join(repoRoot, 'test/fixtures/huangpu'), project, { recursive: true });
  execFileSync('chown', ['-R', `${uid}:${uid}`, home]);
  chmodSync(home, 0o755);
  const user = { name, uid, home, project };
  users.push(user);
  return user;
}

beforeAll(() => {
  if (!CAN_UNSHARE) return;
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: 'ignore' });
  chmodSync(path.dirname(JUDGE), 0o755);
  alice = addUser('cga');
  bob = addUser('cgb');
  // A read-only view of /etc with a host policy: /etc/compose-guard/policy.yaml, root's, 0644.
  hostEtc = mkdtempSync(path.join(tmpdir(), 'cg-etc-'));
  mkdirSync(path.join(hostEtc, 'compose-guard'));
  writeFileSync(path.join(hostEtc, 'compose-guard/policy.yaml'), 'environment: production\n');
  chmodSync(hostEtc, 0o755);
  rootHome = mkdtempSync(path.join(tmpdir(), 'cg-root-home-'));
});

afterAll(() => {
  for (const u of users) spawnSync('userdel', [u.name]);
});

function env(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: '/usr/bin:/bin', HOME: home, NO_COLOR: '1', DOCKER_HOST: 'unix:///nonexistent/docker.sock', COMPOSE_GUARD_POLICY: path.join(home, 'none.yaml'), ...extra };
}

/** argv as `user` (or root), optionally with the host policy in force, root's home given. */
function as(user: User | 'root', argv: string[], scene: { hostPolicy?: boolean } = {}): string[] {
  const mounts = [`mount --bind "${rootHome}" /root`, ...(scene.hostPolicy ? [`mount -t overlay overlay -o "lowerdir=${hostEtc}:/etc" /etc`] : [])];
  const drop = user === 'root' ? [] : ['setpriv', `--reuid=${user.uid}`, `--regid=${user.uid}`, '--clear-groups', '--'];
  return ['unshare', '-m', 'sh', '-c', `${mounts.join(' && ')} && exec "$@"`, 'sh', ...drop, ...argv];
}

const DOWN_V = ['--', 'docker', 'compose', 'down', '-v'];

function grant(user: User | 'root', cwd: string, home: string, scene: { hostPolicy?: boolean } = {}, extra: Record<string, string> = {}) {
  const actions = [['wait', 'cancels'], ['type', 'huangpu\r']];
  return onTerminal(as(user, guardArgv('allow-once', '--reason', 'restore', ...DOWN_V), scene), actions, { cwd, env: env(home, extra) });
}

function check(user: User | 'root', cwd: string, home: string, scene: { hostPolicy?: boolean } = {}, extra: Record<string, string> = {}) {
  return spawnSync(as(user, guardArgv('check', ...DOWN_V), scene)[0] as string, as(user, guardArgv('check', ...DOWN_V), scene).slice(1), { cwd, env: env(home, extra), encoding: 'utf8' });
}

function permitFiles(dir: string): string[] {
  try {
    return readdirSync(dir).map((f) => path.join(dir, f));
  } catch {
    return [];
  }
}

describe.skipIf(!CAN_UNSHARE)('permits between users', () => {
  it('alice\'s permit is hers alone: root under sudo -E and bob do not get it', () => {
    writeFileSync(path.join(alice.home, 'none.yaml'), 'environment: production\n');
    chownSync(path.join(alice.home, 'none.yaml'), alice.uid, alice.uid);
    const policy = { COMPOSE_GUARD_POLICY: path.join(alice.home, 'none.yaml') };
    expect(check(alice, alice.project, alice.home, {}, policy).status).toBe(77);
    expect(grant(alice, alice.project, alice.home, {}, policy).status).toBe(0);
    const [file] = permitFiles(path.join(alice.home, '.local/state/compose-guard/permits'));
    expect(file).toBeDefined();
    expect(check(alice, alice.project, alice.home, {}, policy).status).toBe(0);
    // sudo -E: root with alice's HOME and XDG_STATE_HOME, same directory and command.
    const sudoE = { ...policy, XDG_STATE_HOME: path.join(alice.home, '.local/state'), SUDO_USER: alice.name };
    expect(check('root', alice.project, alice.home, {}, sudoE).status).toBe(77);
    // bob pointing his state folder at alice's, or holding a copy of her file.
    expect(check(bob, alice.project, bob.home, {}, { ...policy, XDG_STATE_HOME: path.join(alice.home, '.local/state') }).status).toBe(77);
    const bobPermits = path.join(bob.home, '.local/state/compose-guard/permits');
    mkdirSync(bobPermits, { recursive: true, mode: 0o700 });
    execFileSync('chown', ['-R', `${bob.uid}:${bob.uid}`, path.join(bob.home, '.local')]);
    copyFileSync(file as string, path.join(bobPermits, path.basename(file as string)));
    chownSync(path.join(bobPermits, path.basename(file as string)), bob.uid, bob.uid);
    chmodSync(path.join(bobPermits, path.basename(file as string)), 0o600);
    expect(check(bob, alice.project, bob.home, {}, policy).status).toBe(77);
    // Alice's own is still there and works once.
    expect(check(alice, alice.project, alice.home, {}, policy).status).toBe(0);
  });

  it('a permit root planted in alice\'s folder, or one in a folder bob can write, is not honoured', () => {
    const dir = path.join(alice.home, '.local/state/compose-guard/permits');
    const policy = { COMPOSE_GUARD_POLICY: path.join(alice.home, 'none.yaml') };
    for (const f of permitFiles(dir)) spawnSync('rm', ['-f', f]);
    expect(grant(alice, alice.project, alice.home, {}, policy).status).toBe(0);
    const [file] = permitFiles(dir);
    chownSync(file as string, 0, 0);
    expect(check(alice, alice.project, alice.home, {}, policy).status).toBe(77);
    chownSync(file as string, alice.uid, alice.uid);
    expect(check(alice, alice.project, alice.home, {}, policy).status).toBe(0);
    chmodSync(dir, 0o777);
    expect(check(alice, alice.project, alice.home, {}, policy).status).toBe(77);
    chmodSync(dir, 0o700);
  });

  it('what the host file blocks only root lifts, with a permit root keeps and uses itself', () => {
    const scene = { hostPolicy: true };
    expect(check(alice, alice.project, alice.home, scene).status).toBe(77);
    const refused = grant(alice, alice.project, alice.home, scene);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toMatch(/the host policy sets block for "production" \(environment in \/etc\/compose-guard\/policy\.yaml\)\. Only root lifts what the host policy sets: sudo compose-guard allow-once/);
    // A valid-looking permit alice writes herself does not lift it either.
    const mine = grant(alice, alice.project, alice.home);
    expect(mine.status).toBe(0);
    expect(check(alice, alice.project, alice.home, scene).stderr).toMatch(/an allow-once permit does not lift this: the host policy sets block for "production"/);
    // sudo: root's HOME is its own.
    expect(grant('root', alice.project, '/root', scene).status).toBe(0);
    const [rootPermit] = permitFiles(path.join(rootHome, '.local/state/compose-guard/permits'));
    expect(rootPermit).toBeDefined();
    expect(JSON.parse(readFileSync(rootPermit as string, 'utf8'))).toMatchObject({ uid: 0, cwd: alice.project });
    expect(check(alice, alice.project, alice.home, scene).status).toBe(77);
    expect(check('root', alice.project, '/root', scene).status).toBe(0);
  });

  it('under sudo -E, root neither follows a user\'s symlinked state folder nor writes the audit through it', () => {
    const state = path.join(alice.home, '.local/state');
    spawnSync('rm', ['-rf', path.join(state, 'compose-guard')]);
    mkdirSync(state, { recursive: true });
    // A root-only file alice wants root to write into or delete.
    const secret = path.join(mkdtempSync(path.join(tmpdir(), 'cg-secret-')), 'root-only');
    writeFileSync(secret, 'root only\n', { mode: 0o600 });
    mkdirSync(path.join(alice.home, 'fake'), { recursive: true });
    symlinkSync(secret, path.join(alice.home, 'fake', 'audit.jsonl'));
    symlinkSync(path.join(alice.home, 'fake'), path.join(state, 'compose-guard'));
    execFileSync('chown', ['-R', '-h', `${alice.uid}:${alice.uid}`, path.join(alice.home, '.local'), path.join(alice.home, 'fake')]);
    mkdirSync(path.join(alice.home, 'fake', 'permits'), { mode: 0o700 });
    writeFileSync(path.join(alice.home, 'fake', 'permits', 'aaaaaaaaaaaa.json'), '{}', { mode: 0o600 });
    execFileSync('chown', ['-R', '-h', `${alice.uid}:${alice.uid}`, path.join(alice.home, 'fake')]);
    writeFileSync(path.join(alice.home, 'none.yaml'), 'environment: ci\nprotect: ["*_postgres"]\n');
    const sudoE = { XDG_STATE_HOME: state, SUDO_USER: alice.name, COMPOSE_GUARD_POLICY: path.join(alice.home, 'none.yaml') };
    const revoke = as('root', guardArgv('allow-once', '--revoke', 'aaaaaaaaaaaa'));
    expect(spawnSync(revoke[0] as string, revoke.slice(1), { cwd: alice.project, env: env(alice.home, sudoE), encoding: 'utf8' }).status).toBe(1);
    expect(readdirSync(path.join(alice.home, 'fake', 'permits'))).toEqual(['aaaaaaaaaaaa.json']);
    // Root grants (an audited act): the permit and the audit line go to root's own home.
    const granted = grant('root', alice.project, alice.home, {}, sudoE);
    expect(granted.stdout).toMatch(/allowed once/);
    expect(readFileSync(secret, 'utf8')).toBe('root only\n');
    expect(readFileSync(path.join(rootHome, '.local/state/compose-guard/audit.jsonl'), 'utf8')).toMatch(/"decision":"allow-once issued".*"sudoUser":"|"sudoUser":".*"decision":"allow-once issued"/);
    expect(readdirSync(path.join(alice.home, 'fake')).sort()).toEqual(['audit.jsonl', 'permits']);
    // Alice herself gets nothing through her symlinked folder either.
    const list = as(alice, guardArgv('allow-once', '--list'));
    expect(spawnSync(list[0] as string, list.slice(1), { cwd: alice.project, env: env(alice.home), encoding: 'utf8' }).stdout).toMatch(/^no permits/);
  });
});
