// The resolver against the real Compose, fixture by fixture. v2: the set must equal what
// `docker compose <flags> down --dry-run -v` lists, and in file mode the project name and volume
// names must equal `docker compose <flags> config --format json`. v1: the set must equal what
// `docker-compose <flags> down -v` really removed. Any difference fails.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { connectEngine } from '../../src/daemon/engine.js';
import { CASES, expected, type FixtureCase, type ModelledVersion } from '../fixtures/cases.js';
import type { ComposeBuild } from './engine.js';
import { repoRoot } from '../helpers/install.js';
import { caseArgv, resolveCase, summarize } from '../helpers/resolve-case.js';

const ctx = inject('e2e');
const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function cleanEnv(build: ComposeBuild | undefined, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(COMPOSE_|DOCKER_)/.test(k)) env[k] = v;
  const config = build ? { DOCKER_CONFIG: build.configDir } : {};
  return { ...env, PATH: SYSTEM_PATH, DOCKER_HOST: ctx.dockerHost, HOME: mkdtempSync(path.join(tmpdir(), 'cg-diff-home-')), ...config, ...extra };
}

function sh(argv: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const [cmd, ...args] = argv as [string, ...string[]];
  return spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 120_000 });
}

function volumeNames(env: NodeJS.ProcessEnv): Set<string> {
  return new Set(sh(['docker', 'volume', 'ls', '-q'], '/', env).stdout.split('\n').filter(Boolean));
}

function cleanup(c: FixtureCase, env: NodeJS.ProcessEnv): void {
  const versionProjects = Object.values(c.byVersion ?? {}).map((e) => e.project);
  const projects = new Set([c.project, ...versionProjects, c.fixture.toLowerCase().replace(/[^a-z0-9_-]/g, ''), ...(c.labelledVolumes ?? []).map((v) => v.project)].filter(Boolean) as string[]);
  for (const project of projects) {
    const ids = sh(['docker', 'ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`], '/', env).stdout.split('\n').filter(Boolean);
    if (ids.length) sh(['docker', 'rm', '-f', '-v', ...ids], '/', env);
    const vols = sh(['docker', 'volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${project}`], '/', env).stdout.split('\n').filter(Boolean);
    if (vols.length) sh(['docker', 'volume', 'rm', '-f', ...vols], '/', env);
  }
  const named = [...c.volumes, ...(c.plainVolumes ?? []), ...(c.labelledVolumes ?? []).map((v) => v.name)];
  sh(['docker', 'volume', 'rm', '-f', ...named], '/', env);
}

// Every v2 case runs against every provisioned Compose v2 version, each a plugin in its own config
// folder, and is resolved with that version's rules. What the guard cannot know is not compared.
type Run = [string, FixtureCase, ComposeBuild | undefined];
const runs = CASES.flatMap((c): Run[] => c.generation === 'v1'
  ? [[`v1 ${c.fixture}: ${c.name}`, c, undefined]]
  : ctx.composeBuilds.map((b): Run => [`${b.version} ${c.fixture}: ${c.name}`, c, b]))
  .filter(([, c, b]) => expected(c, b?.version as ModelledVersion | undefined).mode !== 'uncertain');

describe.skipIf(!ctx.available)('differential: the resolver against real Compose', () => {
  it.each(runs)('%s', async (_title, c, build) => {
    const root = mkdtempSync(path.join(tmpdir(), 'cg-diff-'));
    cpSync(path.join(repoRoot, 'test/fixtures', c.fixture), path.join(root, c.fixture), { recursive: true });
    const dir = path.join(root, c.fixture);
    const cwd = path.join(dir, c.cwd ?? '');
    const env = cleanEnv(build, c.env);
    const want = expected(c, build?.version as ModelledVersion | undefined);
    const compose = c.generation === 'v1' ? ['docker-compose'] : ['docker', 'compose'];
    cleanup(c, env);
    try {
      for (const name of c.plainVolumes ?? []) expect(sh(['docker', 'volume', 'create', name], '/', env).status).toBe(0);
      for (const v of c.labelledVolumes ?? []) {
        expect(sh(['docker', 'volume', 'create', '--label', `com.docker.compose.project=${v.project}`, v.name], '/', env).status).toBe(0);
      }
      if (c.create !== false) {
        const up = sh([...compose, ...(c.root ?? []), 'up', '--no-start', ...(c.createServices ?? [])], path.join(dir, c.createIn ?? c.cwd ?? ''), env);
        expect(up.status, up.stderr).toBe(0);
      }

      const resolved = summarize(await resolveCase(c, root, connectEngine(ctx.dockerHost, {}), build?.version ?? null));
      expect(resolved.mode).toBe(want.mode);
      expect(resolved.project).toBe(want.project);

      if (c.generation === 'v2') {
        // --dry-run goes right after the subcommand (see the docs on oracles).
        const dry = sh([...compose, ...(c.root ?? []), 'down', '--dry-run', '-v', ...(c.services ?? [])], cwd, env);
        expect(dry.status, dry.stderr).toBe(0);
        const listed = [...dry.stderr.matchAll(/Volume (\S+)\s+Removing/g)].map((m) => m[1] as string);
        expect(resolved.volumes, `dry-run said:\n${dry.stderr}`).toEqual([...new Set(listed)].sort());
        if (want.mode === 'file' && !c.services?.length) {
          const config = sh([...compose, ...(c.root ?? []), 'config', '--format', 'json'], cwd, env);
          expect(config.status, config.stderr).toBe(0);
          const model = JSON.parse(config.stdout) as { name: string; volumes?: Record<string, { name: string; external?: boolean }> };
          expect(resolved.project).toBe(model.name);
          // config lists every declared volume; down skips the missing ones from 2.35 on.
          const names = Object.values(model.volumes ?? {}).filter((v) => !v.external).map((v) => v.name.replaceAll('$$', '$'));
          const existing = volumeNames(env);
          expect(resolved.volumes).toEqual(names.filter((n) => build?.version !== '2.40.3' || existing.has(n)).sort());
        }
      } else {
        const before = volumeNames(env);
        const { argv } = caseArgv(c);
        const down = sh(['docker-compose', ...argv], cwd, env);
        expect(down.status, down.stderr).toBe(0);
        const after = volumeNames(env);
        expect(resolved.volumes, down.stderr).toEqual([...before].filter((v) => !after.has(v)).sort());
      }
      expect(resolved.volumes).toEqual([...want.volumes].sort());
    } finally {
      cleanup(c, env);
    }
  });
});
