// Whatever breaks, compose-guard says so in one line and the verdict stays the verdict: a
// closed or broken stderr changes nothing, an internal error is one readable line with a
// documented status, and a policy of 40,000 hosts is read in linear time.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { installShims, repoRoot, type Installed } from '../helpers/install.js';
import { makeRealStandIn, type RealStandIn } from '../helpers/shim-runner.js';
import { CAN_UNSHARE, inNamespace } from '../helpers/namespace.js';

let installed: Installed;
let real: RealStandIn;

beforeAll(() => {
  installed = installShims();
  real = makeRealStandIn();
});

function scene(policy: string) {
  const home = mkdtempSync(path.join(tmpdir(), 'cg-nc-'));
  const project = path.join(home, 'proj');
  mkdirSync(project);
  writeFileSync(path.join(project, 'compose.yaml'), 'services:\n  db:\n    image: busybox\n    volumes: ["data:/d"]\nvolumes:\n  data: {}\n');
  writeFileSync(path.join(home, 'policy.yaml'), policy);
  const records = mkdtempSync(path.join(tmpdir(), 'cg-rec-'));
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(base)) if (/^(COMPOSE_|DOCKER_|CI$)/.test(key)) delete base[key];
  const env = {
    ...base, HOME: home, NO_COLOR: '1', FAKE_DIR: records, PATH: `${installed.bin}:${real.dir}:/usr/bin:/bin`,
    COMPOSE_GUARD_POLICY: path.join(home, 'policy.yaml'), DOCKER_HOST: 'unix:///nonexistent/docker.sock',
  };
  return { home, project, env, ran: () => existsSync(path.join(records, 'ran')) };
}

describe('stderr', () => {
  it.each([['production', 77, false], ['ci', 0, true]] as const)('closed: %s still gets its verdict', (tag, status, ran) => {
    const s = scene(`environment: ${tag}\n`);
    const result = spawnSync('/bin/sh', ['-c', 'docker compose down -v 2>&-'], { cwd: s.project, env: s.env });
    expect([result.status, s.ran()]).toEqual([status, ran]);
  });

  it.each([['production', 77, false], ['ci', 0, true]] as const)('a broken pipe: %s gets %i, not 141', async (tag, status, ran) => {
    const s = scene(`environment: ${tag}\n`);
    const child = spawn('/bin/sh', ['-c', 'docker compose down -v'], { cwd: s.project, env: s.env, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect([code, s.ran()]).toEqual([status, ran]);
  });
});

describe('internal errors', () => {
  it('are one readable line with status 70, named as in the source', () => {
    const preload = path.join(mkdtempSync(path.join(tmpdir(), 'cg-pre-')), 'throw.cjs');
    writeFileSync(preload, 'JSON.stringify = () => { throw new RangeError("injected"); };\n');
    const s = scene('');
    const result = spawnSync(process.execPath, ['-r', preload, path.join(repoRoot, 'dist/judge.cjs'), 'check', '--json', '--', 'docker', 'volume', 'rm', 'x'], { cwd: s.project, env: s.env, encoding: 'utf8' });
    expect(result.status).toBe(70);
    expect(result.stderr).toBe('compose-guard: internal error (RangeError: injected)\n');
  });
});

/** Runs `command` through the shims; the CPU time its processes used, read from the shell's `times`. */
function timed(command: string, s: ReturnType<typeof scene>) {
  const started = performance.now();
  const result = spawnSync('/bin/sh', ['-c', `${command} 2>"$STDERR"; s=$?; times; exit $s`], { cwd: s.project, env: { ...s.env, STDERR: path.join(s.home, 'stderr') }, encoding: 'utf8' });
  const wallMs = performance.now() - started;
  const children = (result.stdout.trim().split('\n')[1] ?? '').split(' ').map((t) => {
    const [, m, sec] = /^(\d+)m([\d.]+)s$/.exec(t) ?? [];
    return Number(m) * 60_000 + Number(sec) * 1000;
  });
  return { status: result.status, ran: s.ran(), stderr: readFileSync(path.join(s.home, 'stderr'), 'utf8'), cpuMs: (children[0] ?? NaN) + (children[1] ?? NaN), wallMs };
}

// Parsing is linear: the judge's CPU time stays within the 5 s bound (wall time on a shared
// machine is recorded, not asserted: it depends on what else runs).
describe('a policy of 40,000 hosts', () => {
  const many = Array.from({ length: 40_000 }, (_, i) => `  "d${i}-*": production\n`).join('');

  it('is read, and its tag applies', () => {
    const s = scene(`hosts:\n${many}  "${hostname()}": production\n`);
    const outcome = timed('docker compose down -v', s);
    expect([outcome.status, outcome.ran], outcome.stderr).toEqual([77, false]);
    expect(outcome.stderr).toMatch(new RegExp(`hosts "${hostname()}"`));
    expect(outcome.cpuMs).toBeLessThan(5000);
    console.info(`a policy of 40,000 hosts: verdict in ${Math.round(outcome.wallMs)} ms (${Math.round(outcome.cpuMs)} ms CPU)`);
  });

  it('with a repeated key is refused at the repeat', () => {
    const s = scene(`environment: ci\nhosts:\n${many}  "d7-*": ci\n`);
    const outcome = timed('docker compose down -v', s);
    expect([outcome.status, outcome.ran]).toEqual([77, false]);
    expect(outcome.stderr).toMatch(/policy\.yaml:40003:3: Map keys must be unique/);
    expect(outcome.cpuMs).toBeLessThan(5000);
  });
});

describe('a full disk under the audit log', () => {
  it.skipIf(!CAN_UNSHARE).each([['ci', 0, true], ['production', 77, false]] as const)('changes no verdict (%s)', (tag, status, ran) => {
    const s = scene('');
    const result = inNamespace(`mkdir "$SCENE/full" && mount -t tmpfs -o size=16k tmpfs "$SCENE/full"
dd if=/dev/zero of="$SCENE/full/fill" bs=1k count=64 2>/dev/null || true
printf 'environment: ${tag}\\naudit: %s\\n' "$SCENE/full/audit.jsonl" > "$SCENE/policy.yaml"
COMPOSE_GUARD_POLICY="$SCENE/policy.yaml" docker compose down -v || exit $?`, { env: s.env, cwd: s.project });
    expect([result.status, s.ran()], result.stderr).toEqual([status, ran]);
    expect(result.stderr).toMatch(/audit log .* cannot be written \(ENOSPC\)/);
  });
});
