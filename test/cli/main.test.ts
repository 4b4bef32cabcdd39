// The process entry (the built judge): exit statuses, output that survives a closed or broken
// stream, the verdict on descriptor 3, and whatever escapes the commands as one line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JUDGE } from '../helpers/cli-process.js';

const home = () => mkdtempSync(path.join(tmpdir(), 'cg-main-'));
const env = (h: string, extra: Record<string, string> = {}) => ({ PATH: '/usr/bin:/bin', HOME: h, COMPOSE_GUARD_POLICY: path.join(h, 'none.yaml'), DOCKER_HOST: `unix://${h}/no-engine.sock`, ...extra });
const q = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

/** Runs a shell line in which `judge` is `node dist/judge.cjs`. */
function sh(line: string, cwd: string, extra: Record<string, string> = {}) {
  const script = `judge() { "$CG_NODE" "$CG_JUDGE" "$@"; }\n${line}`;
  const r = spawnSync('bash', ['-c', script], { cwd, env: { ...env(cwd, extra), CG_NODE: process.execPath, CG_JUDGE: JUDGE }, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the process entry', () => {
  it('exits with the command\'s status: 0 for help, 2 for misuse', () => {
    const h = home();
    expect(sh('judge --help >/dev/null', h).status).toBe(0);
    const bad = sh('judge frobnicate', h);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/frobnicate/);
  });

  it('keeps its status when stdout is a pipe closed early', () => {
    const h = home();
    const r = sh('judge --help | head -c 1 >/dev/null; echo "status=${PIPESTATUS[0]}"', h);
    expect(r.stdout).toContain('status=0');
    expect(r.stderr).not.toMatch(/EPIPE|internal error/);
  });

  it('keeps its status when stderr and stdout are closed', () => {
    const h = home();
    expect(sh('judge frobnicate 2>&- >&-', h).status).toBe(2);
    expect(sh('judge --help 2>&- >&-', h).status).toBe(0);
  });

  it('answers the shim on descriptor 3 with its token, and runs without one', () => {
    const h = home();
    const verdict = path.join(h, 'verdict');
    const go = sh(`judge shim docker /bin/true -- ps 3>${q(verdict)}`, h, { COMPOSE_GUARD_VERDICT: 'tok-9' });
    expect(go.status).toBe(0);
    expect(readFileSync(verdict, 'utf8')).toBe('go tok-9\n');
    expect(sh('judge shim docker /bin/true -- ps 3>&-', h, { COMPOSE_GUARD_VERDICT: 'tok-9' }).status).toBe(0);
  });

  it('turns what escapes the commands into one line: 70 for its own commands, 77 (a stop) for the shim', () => {
    const h = home();
    const gone = path.join(h, 'gone');
    mkdirSync(gone);
    // A working directory removed under the process: finding it fails before any command runs.
    const own = sh(`cd ${q(gone)} && rmdir ${q(gone)} && judge check -- docker compose down -v`, h);
    expect(own.status).toBe(70);
    expect(own.stderr).toMatch(/^compose-guard: internal error \(.*\)\n$/);
    mkdirSync(gone);
    const shim = sh(`cd ${q(gone)} && rmdir ${q(gone)} && judge shim docker /bin/true -- compose down -v`, h);
    expect(shim.status).toBe(77);
    expect(shim.stderr).toMatch(/^compose-guard: stopped: internal error \(.*\); the command was not judged, so it does not run\n$/);
  });
});
