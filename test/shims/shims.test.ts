// Through the installed shims, with fake real programs: what reaches the real program must be
// exactly what was typed, and what comes back must be exactly what it gave.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeFakeBinaries, type FakeBinaries } from '../helpers/fake-binaries.js';
import { installShims, type Installed } from '../helpers/install.js';

let installed: Installed;
let fake: FakeBinaries;

beforeAll(() => {
  installed = installShims();
  fake = makeFakeBinaries();
});

beforeEach(() => {
  for (const f of ['ran', 'argv', 'stdin', 'signal', 'ready']) rmSync(path.join(fake.records, f), { force: true });
});

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, PATH: `${installed.bin}:${fake.dir}:/usr/bin:/bin`, FAKE_DIR: fake.records, ...extra };
}

/** Runs a shell snippet (so argv can carry bytes Node strings cannot) with the test PATH. */
function sh(script: string, extra: Record<string, string> = {}, input?: Buffer) {
  return spawnSync('/bin/sh', ['-c', script], { env: env(extra), input, cwd: mkdtempSync(path.join(tmpdir(), 'cg-cwd-')) });
}

function recordedArgv(): Buffer {
  return readFileSync(path.join(fake.records, 'argv'));
}

function nulJoined(args: Array<string | Buffer>): Buffer {
  return Buffer.concat(args.flatMap((a) => [Buffer.isBuffer(a) ? a : Buffer.from(a), Buffer.from([0])]));
}

// Arguments that break naive wrappers: spaces, quotes, globs, newlines, empty, non-ASCII bytes.
const TRICKY = `'a b' '"q"' "'s'" '*' '?[x]' "$(printf 'l1\\nl2')" '' "$(printf '\\377\\376')" 'ünï' '-v' '--' '$HOME' '\\'`;
const TRICKY_BYTES: Array<string | Buffer> = ['a b', '"q"', "'s'", '*', '?[x]', 'l1\nl2', '', Buffer.from([0xff, 0xfe]), 'ünï', '-v', '--', '$HOME', '\\'];

describe.each([
  ['docker', 'ps', ['ps']],
  ['docker', 'compose down --', ['compose', 'down', '--']], // judged, then allowed (the `-v` is a service name)
  ['docker-compose', 'run app', ['run', 'app']],
  ['docker-compose', 'exec app rm', ['exec', 'app', 'rm']], // judged look-alike
])('%s %s … (pass-through)', (tool, prefix, prefixArgs) => {
  it('delivers argv byte-exact', () => {
    const result = sh(`${tool} ${prefix} ${TRICKY}`);
    expect(result.stderr.toString()).toBe('');
    expect(result.status).toBe(0);
    expect(recordedArgv()).toEqual(nulJoined([...prefixArgs, ...TRICKY_BYTES]));
  });

  it('passes stdin in and binary stdout out', () => {
    const input = Buffer.from([0, 1, 2, 255, 10, 13, 0x80]);
    const result = sh(`${tool} ${prefix}`, { FAKE_STDIN: '1', FAKE_STDOUT_HEX: '\\000\\377\\n\\200x' }, input);
    expect(readFileSync(path.join(fake.records, 'stdin'))).toEqual(input);
    expect(result.stdout).toEqual(Buffer.from([0, 255, 10, 0x80, 0x78]));
  });
});

describe('exit statuses', () => {
  it('returns every status 0-255 through the fast path', () => {
    const statuses = Array.from({ length: 256 }, (_, i) => i);
    const script = statuses.map((s) => `FAKE_STATUS=${s} docker ps; printf '%s ' $?`).join('\n');
    expect(sh(script).stdout.toString().trim().split(' ').map(Number)).toEqual(statuses);
  });

  it.each([0, 1, 2, 16, 77, 125, 126, 127, 128, 130, 255])('returns %i through the judged path', (status) => {
    const result = sh('docker compose down', { FAKE_STATUS: String(status) });
    expect(result.status).toBe(status);
  });
});

describe('signals', () => {
  it.each([['docker', ['compose', 'up']], ['docker', ['compose', 'down']], ['docker-compose', ['down']]])(
    'SIGTERM to the started %s %j reaches the real program',
    async (tool, args) => {
      const child = spawn(tool, args, { env: { ...env(), FAKE_WAIT_SIGNAL: '1' }, stdio: 'ignore' });
      const ready = path.join(fake.records, 'ready');
      for (let i = 0; i < 200 && !existsSync(ready); i++) await new Promise((r) => setTimeout(r, 25));
      expect(existsSync(ready)).toBe(true);
      child.kill('SIGTERM');
      const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      expect(readFileSync(path.join(fake.records, 'signal'), 'utf8').trim()).toBe('TERM');
      expect(code).toBe(143);
    },
  );
});

describe('finding the real program', () => {
  it('does not recurse through a shim folder listed twice or reached by a symlink', () => {
    const links = mkdtempSync(path.join(tmpdir(), 'cg-links-'));
    symlinkSync(installed.bin, path.join(links, 'shims'));
    const fileLinks = mkdtempSync(path.join(tmpdir(), 'cg-filelinks-'));
    symlinkSync(path.join(installed.bin, 'docker'), path.join(fileLinks, 'docker'));
    const PATH = [installed.bin, installed.bin, path.join(links, 'shims'), fileLinks, fake.dir].join(':');
    const result = spawnSync('docker', ['compose', 'down', 'x'], { env: { ...env(), PATH } });
    expect(result.status).toBe(0);
    expect(recordedArgv()).toEqual(nulJoined(['compose', 'down', 'x']));
  });

  it('skips a copy of the shim in another folder', () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'cg-copy-'));
    copyFileSync(path.join(installed.bin, 'docker'), path.join(copy, 'docker'));
    spawnSync('chmod', ['+x', path.join(copy, 'docker')]);
    const result = spawnSync(path.join(copy, 'docker'), ['ps'], { env: { ...env(), PATH: `${copy}:${installed.bin}:${fake.dir}` } });
    expect(result.status).toBe(0);
    expect(recordedArgv()).toEqual(nulJoined(['ps']));
  });

  it('answers 127 with a message when there is no real program', () => {
    const result = spawnSync(path.join(installed.bin, 'docker'), ['ps'], { env: { ...env(), PATH: `${installed.bin}:${installed.bin}` } });
    expect(result.status).toBe(127);
    expect(result.stderr.toString()).toMatch(/docker: command not found/);
  });

  it('uses COMPOSE_GUARD_REAL_DOCKER_COMPOSE when set', () => {
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'cg-elsewhere-'));
    copyFileSync(path.join(fake.dir, 'docker-compose'), path.join(elsewhere, 'my-compose'));
    spawnSync('chmod', ['+x', path.join(elsewhere, 'my-compose')]);
    const result = spawnSync('docker-compose', ['ps'], { env: { ...env(), PATH: `${installed.bin}:/usr/bin:/bin`, COMPOSE_GUARD_REAL_DOCKER_COMPOSE: path.join(elsewhere, 'my-compose') } });
    expect(result.status).toBe(0);
    expect(existsSync(path.join(fake.records, 'ran'))).toBe(true);
  });

  it('answers 127 when COMPOSE_GUARD_REAL_DOCKER names nothing', () => {
    const result = spawnSync('docker', ['ps'], { env: { ...env(), COMPOSE_GUARD_REAL_DOCKER: '/nonexistent/docker' } });
    expect(result.status).toBe(127);
  });
});

describe('stopping', () => {
  it('stops a volume-destroying command on a production host with 77, and the real program never runs', () => {
    const policy = path.join(mkdtempSync(path.join(tmpdir(), 'cg-pol-')), 'policy.yaml');
    writeFileSync(policy, 'environment: production\n');
    for (const cmd of ['docker compose down -v', 'docker volume rm x', 'docker system prune --volumes -f', 'docker-compose down --volumes']) {
      const result = sh(cmd, { COMPOSE_GUARD_POLICY: policy, NO_COLOR: '1' });
      expect(result.status, cmd).toBe(77);
      expect(result.stderr.toString()).toContain('compose-guard: stopped');
      expect(existsSync(path.join(fake.records, 'ran'))).toBe(false);
    }
  });

  it('stops when the judge cannot run at all', () => {
    const result = sh('docker compose down -v', { COMPOSE_GUARD_NODE: '/nonexistent/node' });
    expect(result.status).toBe(77);
    expect(result.stderr.toString()).toMatch(/the judge gave no verdict/);
    expect(existsSync(path.join(fake.records, 'ran'))).toBe(false);
  });

  it('lets everyday commands through even when the judge cannot run', () => {
    const result = sh('docker compose ps', { COMPOSE_GUARD_NODE: '/nonexistent/node' });
    expect(result.status).toBe(0);
    expect(existsSync(path.join(fake.records, 'ran'))).toBe(true);
  });
});
