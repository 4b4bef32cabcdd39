// The host policy as a second, real user meets it (created here with useradd, commands run as
// them with setpriv), through the installed shims with a real-program stand-in that leaves a
// marker. /etc is given in a private mount namespace (an overlay with the scene's
// compose-guard folder on top): the machine's own /etc is never written.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installShims, type Installed } from '../helpers/install.js';
import { CAN_UNSHARE } from '../helpers/namespace.js';
import { makeRealStandIn, type RealStandIn } from '../helpers/shim-runner.js';

interface User { name: string; uid: number; home: string; project: string }
let user: User;
let installed: Installed;
let real: RealStandIn;
const worst: number[] = [];

beforeAll(() => {
  if (!CAN_UNSHARE) return;
  const name = `cgt${process.pid % 100000}${Math.floor(Math.random() * 1000)}`;
  const home = mkdtempSync(path.join(tmpdir(), 'cg-trust-'));
  execFileSync('useradd', ['-M', '-d', home, '-s', '/bin/sh', name]);
  const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
  const project = path.join(home, 'proj');
  mkdirSync(project);
  writeFileSync(path.join(project, 'compose.yaml'), 'services:\n  db:\n    image: busybox\n    volumes: ["data:/d"]\nvolumes:\n  data: {}\n');
  execFileSync('chown', ['-R', `${uid}:${uid}`, home]);
  chmodSync(home, 0o755);
  user = { name, uid, home, project };
  installed = installShims();
  real = makeRealStandIn();
  for (const dir of [installed.prefix, real.dir]) execFileSync('chmod', ['-R', 'a+rX', dir]);
});

afterAll(() => {
  if (user) spawnSync('userdel', [user.name]);
  if (worst.length > 0) console.info(`host policy trust: worst time to a verdict ${Math.round(Math.max(...worst))} ms over ${worst.length} commands`);
});

/** A scene's /etc top layer holding compose-guard/; `arrange` shapes it (paths inside the scene). */
function scene(arrange: (etc: string, cg: string) => void): string {
  const etc = mkdtempSync(path.join(tmpdir(), 'cg-etc-'));
  chmodSync(etc, 0o755);
  arrange(etc, path.join(etc, 'compose-guard'));
  return etc;
}

function folder(cg: string, mode = 0o755): void {
  mkdirSync(cg);
  chmodSync(cg, mode);
}

function file(at: string, text: string, mode = 0o644, uid = 0): void {
  writeFileSync(at, text);
  chmodSync(at, mode);
  chownSync(at, uid, uid);
}

/** Runs `command` in the project as the second user, with `etc` over /etc; marker in records. */
function asUser(etc: string, command: string) {
  const records = mkdtempSync(path.join(tmpdir(), 'cg-rec-'));
  chownSync(records, user.uid, user.uid);
  const script = `mount -t overlay overlay -o "lowerdir=${etc}:/etc" /etc
exec setpriv --reuid=${user.uid} --regid=${user.uid} --clear-groups -- sh -c 'cd "${user.project}" && ${command}'`;
  const env = {
    PATH: `${installed.bin}:${real.dir}:/usr/bin:/bin`, HOME: user.home, NO_COLOR: '1', FAKE_DIR: records,
    DOCKER_HOST: 'unix:///nonexistent/docker.sock', COMPOSE_GUARD_POLICY: path.join(user.home, 'none.yaml'),
  };
  const started = performance.now();
  const result = spawnSync('unshare', ['-m', 'sh', '-euc', script], { env, encoding: 'utf8', timeout: 30_000 });
  worst.push(performance.now() - started);
  const ran = existsSync(path.join(records, 'ran'));
  rmSync(records, { recursive: true, force: true });
  return { status: result.status, stderr: result.stderr, ran };
}

// The host file's text in every refused case: it would let the command through if trusted.
const LETS_THROUGH = 'environment: production\nrules:\n  production: allow\n';

describe.skipIf(!CAN_UNSHARE)('the host policy, as another user meets it', () => {
  it('a root-owned file in root-owned folders is trusted, reached directly or by a root-owned link', () => {
    for (const etc of [
      scene((_, cg) => { folder(cg); file(path.join(cg, 'policy.yaml'), LETS_THROUGH); }),
      scene((_, cg) => { folder(cg); file(path.join(cg, 'real.yaml'), LETS_THROUGH); symlinkSync('real.yaml', path.join(cg, 'policy.yaml')); }),
    ]) {
      expect(asUser(etc, 'docker compose down -v')).toMatchObject({ status: 0, ran: true });
    }
  });

  it.each<[string, (etc: string, cg: string) => void, RegExp]>([
    ['its folder is mode 0700 (the user cannot look at the file)', (_, cg) => { folder(cg, 0o700); file(path.join(cg, 'policy.yaml'), 'environment: production\n'); }, /cannot be looked at \(EACCES\)/],
    ['it is unreadable to the user', (_, cg) => { folder(cg); file(path.join(cg, 'policy.yaml'), 'environment: production\n', 0o600); }, /cannot be read \(EACCES\)/],
    ['it is a dangling symbolic link', (_, cg) => { folder(cg); symlinkSync('/nonexistent/policy.yaml', path.join(cg, 'policy.yaml')); }, /symbolic link to nothing/],
    ['it is owned by the user', (_, cg) => { folder(cg); file(path.join(cg, 'policy.yaml'), LETS_THROUGH, 0o644, user.uid); }, /owned by uid \d+, not root/],
    ['it links to the user\'s file', (_, cg) => {
      folder(cg);
      file(path.join(user.home, 'mine.yaml'), LETS_THROUGH, 0o644, user.uid);
      symlinkSync(path.join(user.home, 'mine.yaml'), path.join(cg, 'policy.yaml'));
    }, /owned by uid \d+, not root/],
    ['its folder is group-writable', (_, cg) => { folder(cg, 0o775); file(path.join(cg, 'policy.yaml'), LETS_THROUGH); }, /compose-guard is writable by group or others \(mode 775\)/],
    ['its folder is the user\'s', (_, cg) => { folder(cg); chownSync(cg, user.uid, user.uid); file(path.join(cg, 'policy.yaml'), LETS_THROUGH); }, /compose-guard is owned by uid/],
    ['its folder links to the user\'s folder', (_, cg) => {
      const mine = path.join(user.home, 'cg');
      rmSync(mine, { recursive: true, force: true });
      folder(mine);
      chownSync(mine, user.uid, user.uid);
      file(path.join(mine, 'policy.yaml'), LETS_THROUGH);
      symlinkSync(mine, cg);
    }, /is owned by uid \d+, not root/],
    ['it is a FIFO', (_, cg) => { folder(cg); execFileSync('mkfifo', [path.join(cg, 'policy.yaml')]); }, /not a regular file/],
    ['it is 100 MB', (_, cg) => { folder(cg); file(path.join(cg, 'policy.yaml'), ''); execFileSync('truncate', ['-s', '100M', path.join(cg, 'policy.yaml')]); }, /larger than 2097152 bytes/],
  ])('is refused when %s: the command stops, everyday ones go', (_what, arrange, message) => {
    const etc = scene(arrange);
    const stopped = asUser(etc, 'docker compose down -v');
    expect(stopped, stopped.stderr).toMatchObject({ status: 77, ran: false });
    expect(stopped.stderr).toMatch(message);
    expect(asUser(etc, 'docker compose ps')).toMatchObject({ status: 0, ran: true });
  });
});
