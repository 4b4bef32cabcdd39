// The incident, replayed on a real engine with real Compose v2 (plugin and standalone) and v1:
// on production every volume-destroying spelling is stopped and the data is still readable; the
// everyday commands pass through unchanged; a ci host resets freely.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { installShims, repoRoot } from '../helpers/install.js';
import { commandRunner, copyFixture, writePolicy, type Outcome, type RunOptions } from './helpers.js';

const ctx = inject('e2e');
const DATA: Record<string, [string, string]> = {
  postgres: ['/var/lib/postgresql/data/row', 'pg-row-42'],
  minio: ['/data/package.tgz', 'uploaded-package'],
  nats: ['/data/jetstream', 'install-history'],
};
const VOLUMES = ['huangpu_minio', 'huangpu_nats', 'huangpu_postgres'];

describe.skipIf(!ctx.available)('the incident on a real engine', () => {
  let run: (argv: string[], options?: RunOptions) => Outcome;
  let shims: string;
  let production: string;
  let ci: string;

  const projectVolumes = (): string[] =>
    run(['docker', 'volume', 'ls', '-q', '--filter', 'label=com.docker.compose.project=huangpu']).stdout.split('\n').filter(Boolean).sort();

  const expectDataIntact = (): void => {
    for (const [service, [file, content]] of Object.entries(DATA)) {
      const read = run(['docker', 'compose', 'exec', '-T', service, 'cat', file]);
      expect(read.stdout, `${service}:${file}`).toBe(`${content}\n`);
    }
    expect(projectVolumes()).toEqual(VOLUMES);
  };

  beforeAll(() => {
    const home = mkdtempSync(path.join(tmpdir(), 'cg-e2e-home-'));
    const project = copyFixture('huangpu', path.join(repoRoot, 'test/fixtures'));
    run = commandRunner(ctx, project, home);
    shims = installShims().bin;
    production = writePolicy(home, 'production');
    ci = writePolicy(home, 'ci');
    run(['docker', 'compose', 'down', '-v', '--remove-orphans']);
    const up = run(['docker', 'compose', 'up', '-d']);
    expect(up.status, up.stderr).toBe(0);
    // The data goes in through the shims, with stdin: exec -T must pass both untouched.
    for (const [service, [file, content]] of Object.entries(DATA)) {
      const seed = run(['docker', 'compose', 'exec', '-T', service, 'sh', '-c', `cat > ${file}`], { shims, policy: production, input: `${content}\n` });
      expect(seed.status, seed.stderr).toBe(0);
    }
    expectDataIntact();
  });

  afterAll(() => {
    run?.(['docker', 'compose', 'down', '-v', '--remove-orphans']);
  });

  describe('on a production host', () => {
    it.each([
      ['docker compose down -v', ['docker', 'compose', 'down', '-v'], {}],
      ['docker compose down --volumes', ['docker', 'compose', 'down', '--volumes'], {}],
      ['docker-compose down -v (Compose v1)', ['docker-compose', 'down', '-v'], {}],
      ['docker-compose down -v (Compose v2 standalone)', ['docker-compose', 'down', '-v'], { v2Standalone: true }],
      ['docker --context default compose -p huangpu down -v', ['docker', '--context', 'default', 'compose', '-p', 'huangpu', 'down', '-v'], {}],
      ['docker compose -f docker-compose.yml down -v', ['docker', 'compose', '-f', 'docker-compose.yml', 'down', '-v'], {}],
      ['docker volume rm huangpu_postgres', ['docker', 'volume', 'rm', 'huangpu_postgres'], {}],
      ['docker volume prune -a -f', ['docker', 'volume', 'prune', '-a', '-f'], {}],
      ['docker system prune --volumes -f', ['docker', 'system', 'prune', '--volumes', '-f'], {}],
    ] as Array<[string, string[], RunOptions]>)('stops %s with 77, and every file is still readable', (_name, argv, options) => {
      const result = run(argv, { ...options, shims, policy: production });
      expect(result.status, result.stderr).toBe(77);
      expect(result.stderr).toContain('compose-guard: stopped');
      // A prune names whatever the engine holds unused (never the project's volumes in use);
      // the assertion holds whatever else the engine has.
      const unused = run(['docker', 'volume', 'ls', '-q', '--filter', 'dangling=true']).stdout.split('\n').filter(Boolean);
      const named = argv.includes('prune') ? (unused.length > 0 ? unused : ['every volume no container uses']) : ['huangpu_postgres'];
      for (const name of named) expect(result.stderr).toContain(name);
      expectDataIntact();
    });

    it('names exactly the three volumes when stopping down -v', () => {
      const result = run(['docker', 'compose', 'down', '-v'], { shims, policy: production });
      for (const volume of VOLUMES) expect(result.stderr).toContain(volume);
    });

    it('lets down and up -d through, and the data is there after the restart', () => {
      const down = run(['docker', 'compose', 'down'], { shims, policy: production });
      expect(down.status, down.stderr).toBe(0);
      expect(projectVolumes()).toEqual(VOLUMES);
      const up = run(['docker', 'compose', 'up', '-d'], { shims, policy: production });
      expect(up.status, up.stderr).toBe(0);
      expectDataIntact();
    });

    it('gives ps --format json the same stdout and status through the shims as directly', () => {
      // Time-derived fields change between any two calls, and Compose joins Labels and Mounts
      // in random order (Go maps); everything else must be identical.
      const volatile = (text: string) => text.trim().split('\n').map((line) => {
        const { RunningFor: _r, Status: _s, Labels, Mounts, ...rest } = JSON.parse(line) as Record<string, unknown>;
        return { ...rest, Labels: String(Labels).split(',').sort(), Mounts: String(Mounts).split(',').sort() };
      });
      const direct = run(['docker', 'compose', 'ps', '--format', 'json']);
      const guarded = run(['docker', 'compose', 'ps', '--format', 'json'], { shims, policy: production });
      expect(guarded.status).toBe(direct.status);
      expect(volatile(guarded.stdout)).toEqual(volatile(direct.stdout));
      expect(volatile(direct.stdout)).toHaveLength(3);
    });

    it.each([
      ['exec -T with stdin', ['docker', 'compose', 'exec', '-T', 'postgres', 'sh', '-c', 'wc -c; cat'], 'abc\ndef\n'],
      ['a failing exec', ['docker', 'compose', 'exec', '-T', 'postgres', 'sh', '-c', 'echo out; exit 3'], ''],
      ['an unknown subcommand', ['docker', 'compose', 'nosuch'], ''],
      ['a missing compose file', ['docker', 'compose', '-f', 'missing.yml', 'ps'], ''],
      ['v1 with a missing file', ['docker-compose', '-f', 'missing.yml', 'ps'], ''],
    ])('gives %s the same stdout and status through the shims as directly', (_name, argv, input) => {
      const direct = run(argv, { input });
      const guarded = run(argv, { shims, policy: production, input });
      expect({ status: guarded.status, stdout: guarded.stdout }).toEqual({ status: direct.status, stdout: direct.stdout });
    });
  });

  describe('on a ci host', () => {
    it('resets the stack with docker compose down -v: the volumes are gone', () => {
      const result = run(['docker', 'compose', 'down', '-v'], { shims, policy: ci });
      expect(result.status, result.stderr).toBe(0);
      expect(projectVolumes()).toEqual([]);
    });
  });
});
