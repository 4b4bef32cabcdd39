// ssh:// engines: the addresses and the command line docker runs, and the judge's bounded
// requests over the stdio of an ssh. A stand-in for ssh on PATH plays the far side (what it says
// is the test's; the process, its stdio, its exit and its killing are real).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { parseSsh, sshArgv } from '../../src/daemon/engine-ssh.js';
import { engineEndpoint } from '../../src/daemon/engine.js';
import { EngineUnreachable, getJson } from '../../src/daemon/http-get.js';

describe('ssh:// addresses', () => {
  it.each([
    ['ssh://host', { host: 'host' }, ['--', 'host', 'docker', 'system', 'dial-stdio']],
    ['ssh://ops@host:2222', { user: 'ops', host: 'host', port: '2222' }, ['-l', 'ops', '-p', '2222', '--', 'host', 'docker', 'system', 'dial-stdio']],
    ['ssh://ops@10.0.0.5/run/user/1000/docker.sock', { user: 'ops', host: '10.0.0.5', socket: '/run/user/1000/docker.sock' },
      ['-l', 'ops', '--', '10.0.0.5', 'docker', '--host', 'unix:///run/user/1000/docker.sock', 'system', 'dial-stdio']],
  ])('%s', (endpoint, target, argv) => {
    expect(parseSsh(endpoint)).toEqual({ user: undefined, port: undefined, socket: undefined, ...target });
    expect(sshArgv(parseSsh(endpoint))).toEqual(['-o', 'ConnectTimeout=30', ...argv]);
    expect(sshArgv(parseSsh(endpoint), { batch: true })).toEqual(['-o', 'BatchMode=yes', '-o', 'ConnectTimeout=30', ...argv]);
  });

  it.each(['ssh://ops:secret@host', 'ssh://host?x=1', 'ssh://'])('refuses %s', (endpoint) => {
    expect(() => parseSsh(endpoint)).toThrow(/ssh:\/\//);
  });
});

describe('the judge over ssh', () => {
  const BOUNDS = { deadlineMs: 800, maxBytes: 1024 * 1024 };

  /** An ssh on PATH running `script`; it notes its argv, pid and whether its stdin is a terminal. */
  function fakeSsh(script: string): { env: Record<string, string>; seen: () => { argv: string[]; pid: number; tty: boolean } } {
    const dir = mkdtempSync(path.join(tmpdir(), 'cg-ssh-'));
    const note = path.join(dir, 'seen.json');
    writeFileSync(path.join(dir, 'ssh'), `#!${process.execPath}
require('node:fs').writeFileSync(${JSON.stringify(note)}, JSON.stringify({ argv: process.argv.slice(2), pid: process.pid, tty: require('node:tty').isatty(0) }));
${script}`);
    chmodSync(path.join(dir, 'ssh'), 0o755);
    return { env: { PATH: `${dir}:${process.env.PATH ?? ''}` }, seen: () => JSON.parse(readFileSync(note, 'utf8')) };
  }
  const ask = (env: Record<string, string>) => {
    const started = performance.now();
    return getJson(engineEndpoint('ssh://ops@db.example:2222', env)!, '/volumes', BOUNDS).then(
      (value) => ({ value, ms: performance.now() - started }),
      (error: unknown) => ({ error, ms: performance.now() - started }),
    );
  };
  /** Running (a killed process whose parent has gone may stay a zombie until init reaps it). */
  const alive = (pid: number) => {
    try {
      return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return false;
    }
  };

  it('asks over the stdio of `ssh -o BatchMode=yes ... -- host docker system dial-stdio`, stdin not a terminal', async () => {
    // As dial-stdio does: the engine answers and closes, and ssh then exits.
    const ssh = fakeSsh(`let seen = '';
process.stdin.on('data', (d) => {
  seen += d;
  if (!seen.includes('\\r\\n\\r\\n')) return;
  const body = JSON.stringify({ Volumes: [{ Name: 'shop_data', Labels: null }], asked: seen.split('\\r\\n')[0] });
  process.stdout.write('HTTP/1.0 200 OK\\r\\nContent-Length: ' + body.length + '\\r\\n\\r\\n' + body, () => process.exit(0));
});`);
    const { value } = await ask(ssh.env) as { value: unknown };
    expect(value).toEqual({ Volumes: [{ Name: 'shop_data', Labels: null }], asked: 'GET /volumes HTTP/1.0' });
    expect(ssh.seen()).toMatchObject({ tty: false, argv: ['-o', 'BatchMode=yes', '-o', 'ConnectTimeout=30', '-l', 'ops', '-p', '2222', '--', 'db.example', 'docker', 'system', 'dial-stdio'] });
  });

  it('an ssh that never answers (a password asked, a host that does not answer) is killed at the deadline: unreachable', async () => {
    const ssh = fakeSsh(`process.stderr.write("ops@db.example's password: "); setInterval(() => undefined, 1000);`);
    const { error, ms } = await ask(ssh.env) as { error: Error; ms: number };
    expect(error).toBeInstanceOf(EngineUnreachable);
    expect(error.message).toMatch(/did not answer \/volumes within 800 ms/);
    expect(ms).toBeLessThan(BOUNDS.deadlineMs + 500);
    const { pid } = ssh.seen();
    for (let i = 0; i < 50 && alive(pid); i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(alive(pid)).toBe(false);
  });

  it('an ssh still waiting when the judge exits goes with it', async () => {
    const ssh = fakeSsh(`setInterval(() => undefined, 1000);`);
    const dir = mkdtempSync(path.join(tmpdir(), 'cg-exit-'));
    const script = path.join(dir, 'ask.ts');
    writeFileSync(script, `import { engineEndpoint } from ${JSON.stringify(path.resolve('src/daemon/engine.ts'))};
import { getJson } from ${JSON.stringify(path.resolve('src/daemon/http-get.ts'))};
getJson(engineEndpoint('ssh://ops@db.example', process.env)!, '/volumes', { deadlineMs: 60_000, maxBytes: 1024 }).catch(() => undefined);
setTimeout(() => process.exit(0), 300);
`);
    buildSync({ entryPoints: [script], bundle: true, platform: 'node', format: 'cjs', outfile: path.join(dir, 'ask.cjs'), logLevel: 'silent' });
    const ran = spawnSync(process.execPath, [path.join(dir, 'ask.cjs')], { env: { ...process.env, ...ssh.env }, timeout: 10_000 });
    expect(ran.status).toBe(0);
    const { pid } = ssh.seen();
    for (let i = 0; i < 50 && alive(pid); i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(alive(pid)).toBe(false);
  });

  it('an ssh that fails (unknown user, refused key) is unreachable, with its status and message', async () => {
    const ssh = fakeSsh(`process.stderr.write('ops@db.example: Permission denied (publickey).\\n'); process.exit(255);`);
    const { error } = await ask(ssh.env) as { error: Error };
    expect(error).toBeInstanceOf(EngineUnreachable);
    expect(error.message).toBe('ssh to db.example ended with status 255: ops@db.example: Permission denied (publickey).');
  });

  it('no ssh at all is unreachable', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'cg-nossh-'));
    const { error } = await ask({ PATH: empty }) as { error: Error };
    expect(error).toBeInstanceOf(EngineUnreachable);
    expect(error.message).toMatch(/ssh could not run/);
  });
});
