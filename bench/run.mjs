// npm run bench: what the guard costs, as ratios of medians against the direct command measured
// in the same run, interleaved so machine noise hits both sides alike. Every command starts with
// only the variables it needs (as under `env -i`): PATH, HOME, the policy and the engine.
//
// The strict rows, printed first as the headline:
//   `docker compose down -v` judged and stopped on production      vs a bare `node -e 0`  <= 1.5
//   `docker rm CTR` judged and let through (cannot destroy volumes) vs a bare `node -e 0`  <= 1.25
//       (the real docker is /bin/true here, so the row is the shim and the judge alone)
//   peak memory (max RSS, /usr/bin/time) of those two judged commands                   <= 45 MiB
//   everyday commands through the shims (`docker compose ps`, `docker ps`) vs direct     <= 1.02
// Then rows for information, among them the floor of any shim in sh (two lines that exec the
// real docker) on the everyday `docker ps`, the floor of any Node judge (bench/floor.cjs: start,
// read the compose file, one engine request, a line on stderr; no judging) against the same
// `node -e 0` and through the same kind of shell, with its peak memory; and (c) the
// authorization plugin's cost on everyday requests (then, for information, the same engine with a
// plugin that allows everything unread, bench/noop-plugin.cjs: the floor of any plugin):
//   `docker ps` and `docker inspect` through an engine that asks the compose-guard
//   authorization plugin before every request vs the provisioned engine without it (same
//   dockerd, same flags; test/e2e/authz-engine.sh starts the first)            target <= 1.05
// (d) snapshot throughput: compose-guard snapshot vs `docker cp | zstd` (bench/snapshot.mjs)
//       of a 512 MB volume                                                     target <= 1.25
//     and, for information, restore of it vs `zstd -dc | docker cp -`
// Exit status 1 when a row with a target misses it.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { snapshotThroughput } from './snapshot.mjs';

const repo = path.resolve(import.meta.dirname, '..');
const runs = Number(process.env.COMPOSE_GUARD_BENCH_RUNS ?? 100);
const prefix = mkdtempSync(path.join(tmpdir(), 'cg-bench-'));
process.on('exit', () => rmSync(prefix, { recursive: true, force: true }));
execFileSync(path.join(repo, 'install.sh'), ['--prefix', prefix], { stdio: 'ignore' });
const shims = path.join(prefix, 'bin');
const project = path.join(repo, 'test/fixtures/huangpu');
const policy = path.join(prefix, 'policy.yaml');
writeFileSync(policy, 'environment: production\n');
mkdirSync(path.join(prefix, 'home'));

const realDocker = execFileSync('sh', ['-c', 'command -v docker'], { encoding: 'utf8' }).trim();
const systemPath = [...new Set([path.dirname(realDocker), '/usr/local/bin', '/usr/bin', '/bin'])].join(':');
// The provisioned engine when there is one, so `ps` does real work and the judge asks it.
let dockerHost = process.env.DOCKER_HOST;
const e2eEnv = path.join(process.env.COMPOSE_GUARD_E2E_DIR ?? '/tmp/compose-guard-e2e', 'env');
if (!dockerHost && existsSync(e2eEnv)) dockerHost = readFileSync(e2eEnv, 'utf8').trim().replace(/^DOCKER_HOST=/, '');
/** The whole environment of every measured command. */
const env = { PATH: systemPath, HOME: path.join(prefix, 'home'), COMPOSE_GUARD_POLICY: policy, ...(dockerHost ? { DOCKER_HOST: dockerHost } : {}) };
const guarded = { PATH: `${shims}:${systemPath}` };
const engine = spawnSync(realDocker, ['info'], { env, stdio: 'ignore' }).status === 0;
const timeBinary = ['/usr/bin/time'].find((f) => existsSync(f));

function time(cmd, args, extraEnv = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: project, env: { ...env, ...extraEnv }, stdio: 'ignore' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, status: r.status };
}

/** Peak resident memory in KiB of `cmd` and everything it waited for (the shim waits for the judge). */
function peakKiB(cmd, args, extraEnv = {}) {
  const out = path.join(prefix, 'time.out');
  spawnSync(timeBinary, ['-f', '%M', '-o', out, cmd, ...args], { cwd: project, env: { ...env, ...extraEnv }, stdio: 'ignore' });
  const kib = Number(readFileSync(out, 'utf8').trim().split('\n').at(-1));
  rmSync(out, { force: true });
  return kib;
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const rows = [];

function report(row) {
  const verdict = row.target === undefined ? '' : row.pass ? 'pass' : 'FAIL';
  const target = row.target === undefined ? 'no target' : `<= ${row.target}${row.unit === 'MiB' ? ' MiB' : ''}`;
  const measured = row.unit === 'MiB' ? `${row.value.toFixed(1)} MiB`.padStart(22) : `${row.guarded.toFixed(1).padStart(7)} / ${row.direct.toFixed(1).padStart(7)} ms`;
  const value = row.unit === 'MiB' ? ''.padStart(7) : row.value.toFixed(3).padStart(7);
  console.log(`${row.name.padEnd(72)} ${measured}  ${value}  ${target.padEnd(12)} ${verdict}${row.note ? `  (${row.note})` : ''}`);
  rows.push(row);
}

function pair(name, subject, baseline, target) {
  const a = [];
  const b = [];
  let statuses = '';
  for (let i = 0; i < 3; i++) { subject(); baseline(); } // warm caches
  for (let i = 0; i < runs; i++) {
    const s = subject();
    const d = baseline();
    a.push(s.ms);
    b.push(d.ms);
    statuses = `exit ${s.status}/${d.status}`;
  }
  const ratio = median(a) / median(b);
  report({ name, guarded: median(a), direct: median(b), value: ratio, target, pass: target === undefined || ratio <= target, note: statuses });
}

function memory(name, cmd, args, extraEnv, targetMiB) {
  if (!timeBinary) {
    console.log(`${name.padEnd(72)} skipped: no /usr/bin/time`);
    rows.push({ name, target: targetMiB, pass: targetMiB === undefined });
    return;
  }
  const samples = Array.from({ length: Math.max(5, Math.min(runs, 20)) }, () => peakKiB(cmd, args, extraEnv));
  const mib = Math.max(...samples) / 1024;
  report({ name, value: mib, unit: 'MiB', target: targetMiB, pass: targetMiB === undefined || mib <= targetMiB, note: `largest of ${samples.length}` });
}

const bare = () => time(process.execPath, ['-e', '0']);
const downV = () => time('docker', ['compose', 'down', '-v'], guarded);
const rmCtr = () => time('docker', ['rm', 'cg-bench-ctr'], { ...guarded, COMPOSE_GUARD_REAL_DOCKER: '/bin/true' });

console.log(`compose-guard bench: ${runs} interleaved runs each, medians; engine ${engine ? `at ${dockerHost ?? 'the default socket'}` : 'not running'}; node ${process.version}`);
console.log(`${'strict rows'.padEnd(72)} ${'guarded / direct'.padStart(22)}  ${'ratio'.padStart(7)}  target`);
pair('docker compose down -v judged, stopped (production) vs node -e 0', downV, bare, 1.5);
pair('docker rm CTR judged, let through (cannot destroy volumes) vs node -e 0', rmCtr, bare, 1.25);
memory('peak memory: docker compose down -v judged and stopped', 'docker', ['compose', 'down', '-v'], guarded, 45);
memory('peak memory: docker rm CTR judged and let through', 'docker', ['rm', 'cg-bench-ctr'], { ...guarded, COMPOSE_GUARD_REAL_DOCKER: '/bin/true' }, 45);
pair('everyday: docker compose ps through the shims vs the real docker',
  () => time('docker', ['compose', 'ps'], guarded), () => time(realDocker, ['compose', 'ps']), 1.02);
pair('everyday: docker ps through the shims vs the real docker',
  () => time('docker', ['ps'], guarded), () => time(realDocker, ['ps']), 1.02);

console.log('\nfor information');
if (engine) {
  const floor = path.join(repo, 'bench/floor.cjs');
  pair('floor of a Node judge: start, one engine request, a line (bench/floor.cjs) vs node -e 0',
    () => time(process.execPath, [floor]), bare, undefined);
  pair('the same floor started through a shell, as the shims start the judge, vs node -e 0',
    () => time('/bin/sh', ['-c', 'exec "$0" "$1"', process.execPath, floor]), bare, undefined);
  memory('peak memory: the floor of a Node judge (bench/floor.cjs)', process.execPath, [floor], {}, undefined);
  memory('peak memory: node -e 0', process.execPath, ['-e', '0'], {}, undefined);
}
// The floor of any shim written in sh: two lines that only exec the real docker.
const bareShim = path.join(prefix, 'exec-only-shim');
writeFileSync(bareShim, `#!/bin/sh\nexec ${realDocker} "$@"\n`, { mode: 0o755 });
pair('floor of a shell shim: docker ps through `#!/bin/sh` + `exec docker "$@"` vs direct',
  () => time(bareShim, ['ps']), () => time(realDocker, ['ps']), undefined);
pair('the shim alone: docker --version through it vs direct',
  () => time('docker', ['--version'], guarded), () => time(realDocker, ['--version']), undefined);
pair('docker compose --dry-run down judged, allowed (no policy) vs real docker',
  () => time('docker', ['compose', '--dry-run', 'down'], { ...guarded, COMPOSE_GUARD_POLICY: path.join(prefix, 'none.yaml') }),
  () => time(realDocker, ['compose', '--dry-run', 'down']), undefined);
pair('docker compose down -v judged, stopped, in the caller\'s environment vs node -e 0 there',
  // The caller's variables, but the audit line goes to the bench's own folder, not the caller's state.
  () => time('docker', ['compose', 'down', '-v'], { ...process.env, ...guarded, XDG_STATE_HOME: path.join(prefix, 'state') }),
  () => time(process.execPath, ['-e', '0'], process.env), undefined);
authzRows();
if (engine) {
  snapshotThroughput({
    shims, env, realDocker, median,
    report: (name, g, d, target) => {
      const pass = target === undefined || g / d <= target;
      report({ name, guarded: g, direct: d, value: g / d, target, pass });
      return pass;
    },
  });
}
process.exitCode = rows.every((r) => r.pass) ? 0 : 1;

/** (c): the plugin's cost on everyday requests. Needs root (the engine runs in a mount namespace). */
function authzRows() {
  if (!engine || process.getuid?.() !== 0) {
    console.log('(c) authorization plugin: skipped (needs root and the provisioned engine)');
    return;
  }
  const script = path.join(repo, 'test/e2e/authz-engine.sh');
  const scriptEnv = { ...process.env, COMPOSE_GUARD_E2E_DIR: process.env.COMPOSE_GUARD_E2E_DIR ?? '/tmp/compose-guard-e2e' };
  const started = spawnSync(script, ['start'], { env: scriptEnv, encoding: 'utf8' });
  if (started.status !== 0) {
    console.log(`(c) authorization plugin: skipped (${started.stderr.trim().split('\n').at(-1)})`);
    return;
  }
  const authzEnv = readFileSync(path.join(`${scriptEnv.COMPOSE_GUARD_E2E_DIR}-authz`, 'env'), 'utf8');
  const viaPlugin = { DOCKER_HOST: /^DOCKER_HOST=(.*)$/m.exec(authzEnv)[1] };
  for (const host of [viaPlugin.DOCKER_HOST, env.DOCKER_HOST]) {
    spawnSync(realDocker, ['create', '--name', 'cg-bench-inspect', 'compose-guard-busybox:latest'], { env: { ...env, DOCKER_HOST: host }, stdio: 'ignore' });
  }
  try {
    pair('(c) docker ps: engine with the authorization plugin vs without',
      () => time(realDocker, ['ps'], viaPlugin), () => time(realDocker, ['ps']), 1.05);
    pair('(c) docker inspect: engine with the authorization plugin vs without',
      () => time(realDocker, ['inspect', 'cg-bench-inspect'], viaPlugin), () => time(realDocker, ['inspect', 'cg-bench-inspect']), 1.05);
    // The same engine with a plugin that allows everything without reading it, in place of ours.
    const state = `${scriptEnv.COMPOSE_GUARD_E2E_DIR}-authz`;
    const pluginSocket = path.join(state, 'plugins', 'compose-guard.sock');
    spawnSync('kill', [readFileSync(path.join(state, 'plugin.pid'), 'utf8').trim()]);
    const noop = spawn(process.execPath, [path.join(repo, 'bench/noop-plugin.cjs'), pluginSocket], { stdio: 'ignore', detached: true });
    writeFileSync(path.join(state, 'plugin.pid'), `${noop.pid}\n`);
    noop.unref();
    const ready = Date.now() + 5000;
    while (spawnSync(realDocker, ['ps'], { env: { ...env, ...viaPlugin }, stdio: 'ignore' }).status !== 0 && Date.now() < ready) spawnSync('sleep', ['0.1']);
    pair('(c) floor: docker ps, engine with a plugin that allows all unread vs without',
      () => time(realDocker, ['ps'], viaPlugin), () => time(realDocker, ['ps']), undefined);
  } finally {
    spawnSync(script, ['stop'], { env: scriptEnv, stdio: 'ignore' });
  }
}
