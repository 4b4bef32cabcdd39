// (d) snapshot throughput: `compose-guard snapshot` of one volume (through the engine's archive
// endpoint, counted, hashed, zstd-compressed, read back and verified) against the plain pipe
// `docker cp CTR:/path - | zstd` of the same volume.                       target: ratio <= 1.25
// (throughput at least 0.8x of the pipe). The volume holds COMPOSE_GUARD_BENCH_SNAPSHOT_MB of
// data, half random and half text, so compression does real work.
// Then, for information, restore throughput: `compose-guard restore` of that snapshot into the
// removed volume (sha256 checked before writing, the volume re-created, written through the
// engine's archive endpoint, files and bytes counted afterwards) against the plain reverse pipe
// `zstd -dc | docker cp - CTR:/` into a fresh volume of a created container.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const VOLUME = 'cg-bench-snapshot-data';
const HOLDER = 'cg-bench-snapshot-holder';

export function snapshotThroughput({ shims, env, realDocker, median, report }) {
  const mb = Number(process.env.COMPOSE_GUARD_BENCH_SNAPSHOT_MB ?? 512);
  // Five pairs, each pair's order alternating: on a machine whose load changes from second to
  // second, a median of three with the guarded copy always first was seen anywhere from 1.10 to 1.27.
  const runs = Number(process.env.COMPOSE_GUARD_BENCH_SNAPSHOT_RUNS ?? 5);
  const work = mkdtempSync(path.join(tmpdir(), 'cg-bench-snap-'));
  // The snapshots and the plain pipe's copies are half a gigabyte each: gone when the bench ends.
  process.on('exit', () => rmSync(work, { recursive: true, force: true }));
  const policy = path.join(work, 'policy.yaml');
  writeFileSync(policy, `snapshots:\n  dir: ${path.join(work, 'snapshots')}\n  keep: 1\n`);
  const docker = (...args) => spawnSync(realDocker, args, { env, encoding: 'utf8' });
  const image = docker('image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', 'compose-guard-busybox').stdout.trim().split('\n')[0];
  docker('rm', '-f', HOLDER);
  docker('volume', 'rm', '-f', VOLUME);
  const half = Math.max(1, Math.floor(mb / 2));
  const fill = docker('run', '--name', HOLDER, '--network', 'none', '-v', `${VOLUME}:/data`, image, 'sh', '-c',
    `dd if=/dev/urandom of=/data/random bs=1M count=${half} 2>/dev/null && seq 1 100000000 | head -c ${half * 1048576} > /data/text`);
  if (fill.status !== 0) throw new Error(`bench: could not fill ${VOLUME}: ${fill.stderr}`);
  const timed = (cmd, args, extra) => {
    const start = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { env: { ...env, ...extra }, stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`bench: ${cmd} ${args.join(' ')} exited ${r.status}`);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const guarded = [];
  const plain = [];
  const snapshot = () => guarded.push(timed(path.join(shims, 'compose-guard'), ['snapshot', '--', 'docker', 'volume', 'rm', VOLUME], { COMPOSE_GUARD_POLICY: policy }));
  const pipe = () => plain.push(timed('sh', ['-c', `"$0" cp ${HOLDER}:/data - | zstd -q -3 -T0 -c > "$1"`, realDocker, path.join(work, 'plain.tar.zst')]));
  for (let i = 0; i < runs; i++) {
    for (const step of i % 2 === 0 ? [snapshot, pipe] : [pipe, snapshot]) step();
  }
  const bytes = half * 2 * 1048576;
  const rate = (ms) => `${(bytes / 1e6 / (ms / 1000)).toFixed(0)} MB/s`;
  const pass = report(`(d) snapshot of ${half * 2} MB vs docker cp | zstd (${runs} runs; ${rate(median(guarded))} vs ${rate(median(plain))})`,
    median(guarded), median(plain), 1.25);
  const listed = spawnSync(path.join(shims, 'compose-guard'), ['snapshots', '--json'], { env: { ...env, COMPOSE_GUARD_POLICY: policy }, encoding: 'utf8' });
  const id = JSON.parse(listed.stdout)[0].id;
  docker('rm', '-f', HOLDER);
  const restored = [];
  const reversed = [];
  for (let i = 0; i < runs; i++) {
    docker('volume', 'rm', '-f', VOLUME);
    restored.push(timed(path.join(shims, 'compose-guard'), ['restore', id], { COMPOSE_GUARD_POLICY: policy }));
    docker('volume', 'rm', '-f', VOLUME);
    docker('create', '--name', HOLDER, '--network', 'none', '-v', `${VOLUME}:/data`, image, 'true');
    reversed.push(timed('sh', ['-c', `zstd -q -d -c "$1" | "$0" cp - ${HOLDER}:/`, realDocker, path.join(work, 'plain.tar.zst')]));
    docker('rm', '-f', HOLDER);
  }
  docker('volume', 'rm', '-f', VOLUME);
  report(`(d) restore of ${half * 2} MB vs zstd -dc | docker cp - (${runs} runs; ${rate(median(restored))} vs ${rate(median(reversed))})`,
    median(restored), median(reversed), undefined);
  return pass;
}
