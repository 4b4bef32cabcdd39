// allow-once as a person meets it: granted only at a terminal by typing the project name, bound
// to the daemon and the directory, listed, revoked; `check` finds it and changes nothing.
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { guardArgv, onTerminal, withoutTerminal } from '../../helpers/cli-process.js';
import { repoRoot } from '../../helpers/install.js';
import { execFileSync } from 'node:child_process';

let home: string;
let project: string;
const DOWN_V = ['--', 'docker', 'compose', '-p', 'huangpu', 'down', '-v'];

beforeAll(() => {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: 'ignore' });
});

beforeEach(() => {
  home = mkdtempSync(path.join(tmpdir(), 'cg-ao-home-'));
  project = path.join(mkdtempSync(path.join(tmpdir(), 'cg-ao-')), 'huangpu');
  cpSync(path.join(repoRoot, 'test/fixtures/huangpu'), project, { recursive: true });
  writeFileSync(path.join(home, 'policy.yaml'), `environment: production\naudit: ${path.join(home, 'audit.jsonl')}\n`);
});

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const key of Object.keys(base)) if (/^(COMPOSE_|DOCKER_|XDG_)/.test(key)) delete base[key];
  return { ...base, HOME: home, COMPOSE_GUARD_POLICY: path.join(home, 'policy.yaml'), DOCKER_HOST: 'unix:///nonexistent/docker.sock', NO_COLOR: '1', ...extra };
}

const permitsDir = () => path.join(home, '.local/state/compose-guard/permits');
const permits = () => { try { return readdirSync(permitsDir()); } catch { return []; } };

function grant(answer: string | null, cwd = project, extra: Record<string, string> = {}) {
  const actions = answer === null ? [['wait', 'anything else cancels'], ['eof']] : [['wait', 'anything else cancels'], ['type', `${answer}\r`]];
  return onTerminal(guardArgv('allow-once', '--reason', 'restore, OPS-42', ...DOWN_V), actions, { cwd, env: env(extra) });
}

function check(cwd = project, extra: Record<string, string> = {}) {
  return withoutTerminal(guardArgv('check', ...DOWN_V), { cwd, env: env(extra) });
}

describe('granting', () => {
  it('refuses without a terminal, and says why', () => {
    const result = withoutTerminal(guardArgv('allow-once', '--reason', 'x', ...DOWN_V), { cwd: project, env: env() });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/allow-once refused: it needs a person at a terminal, and \/dev\/tty cannot be opened here/);
    expect(permits()).toEqual([]);
  });

  it.each([['nope', /typed "nope", not "huangpu"/], [null, /no answer at the terminal/]])('refuses when %j is typed', (answer, message) => {
    const result = grant(answer);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(message);
    expect(permits()).toEqual([]);
  });

  it('grants when the project name is typed: shows what goes, writes a 0600 permit and an audit line', () => {
    const result = grant('huangpu');
    expect(result.stdout).toMatch(/compose-guard: allow once docker compose -p huangpu down -v/);
    expect(result.stdout).toMatch(/It would destroy/);
    expect(result.status).toBe(0);
    const [file] = permits();
    expect(statSync(path.join(permitsDir(), file as string)).mode & 0o777).toBe(0o600);
    expect(statSync(permitsDir()).mode & 0o777).toBe(0o700);
    const audit = readFileSync(path.join(home, 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(audit.map((e) => e.decision)).toEqual(['allow-once issued']);
  });
});

describe('using', () => {
  it('check finds it for the same daemon and directory only, and changes nothing on disk', () => {
    expect(check().status).toBe(77);
    expect(grant('huangpu').status).toBe(0);
    const before = permits().map((f) => [f, statSync(path.join(permitsDir(), f)).mtimeMs]);
    expect(check().status).toBe(0);
    expect(check().status).toBe(0);
    expect(permits().map((f) => [f, statSync(path.join(permitsDir(), f)).mtimeMs])).toEqual(before);
    expect(check(project, { DOCKER_HOST: 'ssh://deploy@prod-db-1' }).status).toBe(77);
    expect(check(project, { DOCKER_HOST: 'unix:///other/docker.sock' }).status).toBe(77);
    expect(check(path.join(project, 'config')).status).toBe(77);
  });

  it('is listed and revoked', () => {
    expect(grant('huangpu').status).toBe(0);
    const [file] = permits();
    const id = (file as string).replace('.json', '');
    const list = withoutTerminal(guardArgv('allow-once', '--list'), { cwd: project, env: env() });
    expect(list.stdout).toMatch(new RegExp(`^${id}  valid  docker compose -p huangpu down -v \\(project huangpu\\) in ${project}, daemon default \\(unix:///nonexistent/docker.sock\\), until .*: restore, OPS-42\\n$`));
    const json = JSON.parse(withoutTerminal(guardArgv('allow-once', '--list', '--json'), { cwd: project, env: env() }).stdout);
    expect(json).toMatchObject({ id, valid: true, permit: { project: 'huangpu', cwd: project, target: { context: 'default', endpoint: 'unix:///nonexistent/docker.sock' } } });
    expect(withoutTerminal(guardArgv('allow-once', '--revoke', id), { cwd: project, env: env() }).status).toBe(0);
    expect(withoutTerminal(guardArgv('allow-once', '--revoke', id), { cwd: project, env: env() }).status).toBe(1);
    expect(check().status).toBe(77);
  });
});
