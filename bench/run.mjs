// npm run bench: the cost of the guard as ratios of medians against the direct command, both
// measured in the same run, interleaved so machine noise hits both sides alike.
//   (a) everyday `docker compose ps` through the shims vs the real docker        target <= 1.03
//   (b) `docker compose down -v` judged and stopped on production vs `node -e 0`  target <= 1.3
//       once against `node -e 0` in the caller's environment, and once against `node -e 0` with
//       the two variables the shim clears for the judge (NODE_OPTIONS, NODE_EXTRA_CA_CERTS), which
//       isolates the judge's own cost from what clearing them saves.
//   (c) `docker ps` and `docker inspect` through an engine that asks the compose-guard
//       authorization plugin before every request vs the provisioned engine without it (same
//       dockerd, same flags; test/e2e/authz-engine.sh starts the first)            target <= 1.05
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '..');
const runs = Number(process.env.COMPOSE_GUARD_BENCH_RUNS ?? 100);
const prefix = mkdtempSync(path.join(tmpdir(), 'cg-bench-'));
execFileSync(path.join(repo, 'install.sh'), ['--prefix', prefix], { stdio: 'ignore' });
const shims = path.join(prefix, 'bin');
const project = path.join(repo, 'test/fixtures/huangpu');
const policy = path.join(prefix, 'policy.yaml');
writeFileSync(policy, 'environment: production\n');

// Use the provisioned engine when there is one, so `ps` does real work.
const env = { ...process.env, COMPOSE_GUARD_POLICY: policy, NO_COLOR: '1' };
const e2eEnv = path.join(process.env.COMPOSE_GUARD_E2E_DIR ?? '/tmp/compose-guard-e2e', 'env');
if (!env.DOCKER_HOST && existsSync(e2eEnv)) env.DOCKER_HOST = readFileSync(e2eEnv, 'utf8').trim().replace(/^DOCKER_HOST=/, '');
const realDocker = execFileSync('sh', ['-c', 'command -v docker'], { encoding: 'utf8', env: { ...env, PATH: process.env.PATH } }).trim();
const engine = spawnSync(realDocker, ['info'], { env, stdio: 'ignore' }).status === 0;

function time(cmd, args, extraEnv = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: project, env: { ...env, ...extraEnv }, stdio: 'ignore' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, status: r.status };
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
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
    statuses = `${s.status}/${d.status}`;
  }
  const ratio = median(a) / median(b);
  const verdict = target === Infinity ? '' : ratio <= target ? 'ok' : 'OVER TARGET';
  console.log(`${name.padEnd(66)} ${median(a).toFixed(1).padStart(7)} ms ${median(b).toFixed(1).padStart(7)} ms  ratio ${ratio.toFixed(3)}  ${target === Infinity ? 'no target' : `target <= ${target}`}  ${verdict}  (exit ${statuses})`);
  return ratio <= target;
}

console.log(`compose-guard bench: ${runs} interleaved runs each, medians; engine ${engine ? `at ${env.DOCKER_HOST ?? 'default socket'}` : 'not running'}`);
console.log(`${'case'.padEnd(66)} ${'guarded'.padStart(10)} ${'direct'.padStart(10)}`);
const shimPath = `${shims}:${process.env.PATH}`;
const ok = [
  pair('(a) docker compose ps: shims vs real docker',
    () => time('docker', ['compose', 'ps'], { PATH: shimPath }),
    () => time(realDocker, ['compose', 'ps']), 1.03),
  pair('(b) docker compose down -v stopped (production) vs node -e 0',
    () => time('docker', ['compose', 'down', '-v'], { PATH: shimPath }),
    () => time(process.execPath, ['-e', '0']), 1.3),
];
pair('(b, strict) the same vs node -e 0 started as the shim starts the judge',
  () => time('docker', ['compose', 'down', '-v'], { PATH: shimPath }),
  () => time(process.execPath, ['-e', '0'], { NODE_OPTIONS: '', NODE_EXTRA_CA_CERTS: '' }), 1.3);
pair('(info) the shim alone: docker --version through it vs direct',
  () => time('docker', ['--version'], { PATH: shimPath }),
  () => time(realDocker, ['--version']), Infinity);
pair('(info) docker compose down judged and allowed vs real docker',
  () => time('docker', ['compose', '--dry-run', 'down'], { PATH: shimPath, COMPOSE_GUARD_POLICY: path.join(prefix, 'none.yaml') }),
  () => time(realDocker, ['compose', '--dry-run', 'down']), Infinity);
ok.push(...authzRows());
process.exitCode = ok.every(Boolean) ? 0 : 1;

/** (c): the plugin's cost on everyday requests. Needs root (the engine runs in a mount namespace). */
function authzRows() {
  if (!engine || process.getuid?.() !== 0) {
    console.log('(c) authorization plugin: skipped (needs root and the provisioned engine)');
    return [];
  }
  const script = path.join(repo, 'test/e2e/authz-engine.sh');
  const scriptEnv = { ...process.env, COMPOSE_GUARD_E2E_DIR: process.env.COMPOSE_GUARD_E2E_DIR ?? '/tmp/compose-guard-e2e' };
  const started = spawnSync(script, ['start'], { env: scriptEnv, encoding: 'utf8' });
  if (started.status !== 0) {
    console.log(`(c) authorization plugin: skipped (${started.stderr.trim().split('\n').at(-1)})`);
    return [];
  }
  const authzEnv = readFileSync(path.join(`${scriptEnv.COMPOSE_GUARD_E2E_DIR}-authz`, 'env'), 'utf8');
  const guarded = { DOCKER_HOST: /^DOCKER_HOST=(.*)$/m.exec(authzEnv)[1] };
  for (const host of [guarded.DOCKER_HOST, env.DOCKER_HOST]) {
    spawnSync(realDocker, ['create', '--name', 'cg-bench-inspect', 'compose-guard-busybox:latest'], { env: { ...env, DOCKER_HOST: host }, stdio: 'ignore' });
  }
  try {
    return [
      pair('(c) docker ps: engine with the authorization plugin vs without',
        () => time(realDocker, ['ps'], guarded),
        () => time(realDocker, ['ps']), 1.05),
      pair('(c) docker inspect: engine with the authorization plugin vs without',
        () => time(realDocker, ['inspect', 'cg-bench-inspect'], guarded),
        () => time(realDocker, ['inspect', 'cg-bench-inspect']), 1.05),
    ];
  } finally {
    spawnSync(script, ['stop'], { env: scriptEnv, stdio: 'ignore' });
  }
}
