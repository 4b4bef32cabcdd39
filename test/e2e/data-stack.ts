// The snapshot suite's stack on the real engine: PostgreSQL 15 with the package table, and
// MinIO-like and NATS-like volumes holding files; helpers to seed, read and check them.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { repoRoot } from '../helpers/install.js';
import type { Outcome, RunOptions } from './helpers.js';

export type Run = (argv: string[], options?: RunOptions) => Outcome;

export const PROJECT = 'pkgstore';
export const VOLUMES = ['pkgstore_jetstream', 'pkgstore_objects', 'pkgstore_pgdata'];
export const ROWS = 1500;
const PSQL = ['psql', '-h', '/var/run/postgresql', '-U', 'postgres', '-tA', '-c'];

export function waitForPostgres(run: Run): void {
  for (let i = 0; i < 150; i++) {
    if (run(['docker', 'compose', 'exec', '-T', 'postgres', 'pg_isready', '-q', '-h', '/var/run/postgresql']).status === 0) return;
    spinSleep(200);
  }
  throw new Error(`PostgreSQL did not start: ${run(['docker', 'compose', 'logs', 'postgres']).stdout}`);
}

export function sql(run: Run, query: string): Outcome {
  return run(['docker', 'compose', 'exec', '-T', 'postgres', ...PSQL, query]);
}

export function rowCount(run: Run): number {
  const out = sql(run, 'select count(*) from packages');
  return out.status === 0 ? Number(out.stdout.trim()) : -1;
}

/** Rows in PostgreSQL, objects and a stream log as files; returns their checksums. */
export function seed(run: Run): string {
  const created = sql(run, `create table packages(id serial primary key, name text, version text);
    insert into packages(name, version) select 'pkg-' || g, '1.' || g from generate_series(1, ${ROWS}) g;`);
  expect(created.status, created.stderr).toBe(0);
  const files = run(['docker', 'compose', 'exec', '-T', 'minio', 'sh', '-c',
    'mkdir -p /data/bucket/deep && dd if=/dev/urandom of=/data/bucket/package.tgz bs=64k count=64 2>/dev/null && echo meta > /data/bucket/deep/.meta']);
  expect(files.status, files.stderr).toBe(0);
  const stream = run(['docker', 'compose', 'exec', '-T', 'nats', 'sh', '-c', 'mkdir -p /data/jetstream && seq 1 20000 > /data/jetstream/install-history.log']);
  expect(stream.status, stream.stderr).toBe(0);
  return fileSums(run);
}

export function fileSums(run: Run): string {
  const sums = (service: string) => run(['docker', 'compose', 'exec', '-T', service, 'sh', '-c', 'cd /data && find . -type f | sort | xargs sha256sum']).stdout;
  return `${sums('minio')}${sums('nats')}`;
}

export function projectVolumes(run: Run): string[] {
  return run(['docker', 'volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${PROJECT}`]).stdout.split('\n').filter(Boolean).sort();
}

/** Whether any container of the project is paused now. */
export function pausedContainers(run: Run): string[] {
  const ids = run(['docker', 'ps', '-aq', '--filter', `label=com.docker.compose.project=${PROJECT}`]).stdout.split('\n').filter(Boolean);
  if (ids.length === 0) return [];
  return run(['docker', 'inspect', '--format', '{{.Name}} {{.State.Paused}}', ...ids]).stdout.split('\n').filter((l) => l.endsWith(' true'));
}

export function spinSleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** `compose-guard allow-once ARGS` granted by a person at a terminal who types the project name. */
export function grantAtTerminal(run: Run, bin: string, policy: string, args: string[]): Outcome {
  return run(['python3', path.join(repoRoot, 'test/helpers/pty_run.py'), JSON.stringify([path.join(bin, 'compose-guard'), 'allow-once', ...args]),
    JSON.stringify([['wait', 'to allow this once'], ['type', `${PROJECT}\n`]])], { shims: bin, policy });
}

/** A production policy in `home` whose snapshots go to the restic `repository`; `extra` adds lines under `snapshots:`. */
export function resticPolicy(home: string, repository: string, extra = ''): string {
  const password = path.join(home, 'restic.pass');
  writeFileSync(password, 'correct horse battery staple\n', { mode: 0o600 });
  const policy = path.join(home, 'production.yaml');
  writeFileSync(policy, `environment: production\nsnapshots:\n  repository: "${repository}"\n  password-file: ${password}\n${extra}`);
  return policy;
}

/** The stack from nothing: volumes removed, started, PostgreSQL ready and seeded. */
export function freshSeededStack(run: Run): void {
  run(['docker', 'compose', 'down', '-v', '--remove-orphans']);
  expect(run(['docker', 'compose', 'up', '-d']).status).toBe(0);
  waitForPostgres(run);
  seed(run);
}
