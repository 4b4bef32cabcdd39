// The authorization plugin on a real engine: a second private dockerd started with
// --authorization-plugin=compose-guard (test/e2e/authz-engine.sh) and the plugin beside it. Every
// client that never sees a shim is refused on production and the data remains; the judge's
// grant lets an allow-once through exactly once; a ci host resets freely; it holds under load.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { registerGrant } from '../../src/daemon/grant-client.js';
import { installShims, repoRoot } from '../helpers/install.js';
import { stateDir } from './engine.js';
import { copyFixture } from './helpers.js';

const ctx = inject('e2e');
const state = `${stateDir}-authz`;
const sock = path.join(state, 'docker.sock');
const policy = path.join(state, 'policy.yaml');
const grants = path.join(state, 'grants.sock');
const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const DENIED = 'authorization denied by plugin compose-guard: compose-guard refused';

describe.skipIf(!ctx.available)('the authorization plugin on a real engine', () => {
  let shims: string;
  let home: string;
  const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
    ...process.env, PATH: SYSTEM_PATH, HOME: home, DOCKER_HOST: `unix://${sock}`, NO_COLOR: '1',
    COMPOSE_GUARD_POLICY: policy, COMPOSE_GUARD_GRANT_SOCKET: grants, ...extra,
  });
  const run = (argv: string[], options: { shims?: boolean; cwd?: string; extra?: Record<string, string> } = {}) => {
    const [cmd, ...args] = argv as [string, ...string[]];
    const e = env(options.extra);
    if (options.shims) e.PATH = `${shims}:${SYSTEM_PATH}`;
    const r = spawnSync(cmd, args, { env: e, cwd: options.cwd ?? home, encoding: 'utf8', timeout: 120_000 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  // A permitted destroy on production is snapshotted first: into this state folder, never the
  // machine's own /var/backups.
  const setPolicy = (text: string) => writeFileSync(policy, `${text}snapshots:\n  dir: ${state}/snapshots\n`, { mode: 0o644 });
  const seed = (volume: string) => {
    run(['docker', 'volume', 'create', volume]);
    const w = run(['docker', 'run', '--rm', '-v', `${volume}:/data`, ctx.image, 'sh', '-c', 'echo precious > /data/row']);
    expect(w.status, w.stderr).toBe(0);
  };
  const readRow = (volume: string) => run(['docker', 'run', '--rm', '-v', `${volume}:/data`, ctx.image, 'cat', '/data/row']).stdout;
  const volumes = () => run(['docker', 'volume', 'ls', '-q']).stdout.split('\n').filter(Boolean).sort();

  beforeAll(() => {
    shims = installShims().bin;
    home = mkdtempSync(path.join(tmpdir(), 'cg-e2e-authz-home-'));
    const started = spawnSync(path.join(repoRoot, 'test/e2e/authz-engine.sh'), ['start'], { encoding: 'utf8', env: { ...process.env, COMPOSE_GUARD_E2E_DIR: stateDir } });
    expect(started.status, `${started.stdout}${started.stderr}`).toBe(0);
    setPolicy('environment: production\n');
  });

  afterAll(() => {
    spawnSync(path.join(repoRoot, 'test/e2e/authz-engine.sh'), ['stop'], { env: { ...process.env, COMPOSE_GUARD_E2E_DIR: stateDir } });
  });

  describe('on a production host', () => {
    beforeAll(() => {
      setPolicy('environment: production\n');
      seed('huangpu_postgres');
    });

    it('refuses /usr/bin/docker volume rm (no shim), naming compose-guard, the volume and the way through', () => {
      const r = run(['/usr/bin/docker', 'volume', 'rm', 'huangpu_postgres']);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`${DENIED} DELETE /volumes/huangpu_postgres`);
      expect(r.stderr).toContain('compose-guard allow-once --reason "why" -- docker volume rm huangpu_postgres');
      expect(readRow('huangpu_postgres')).toBe('precious\n');
    });

    it('refuses curl --unix-socket -X DELETE, versioned or not, in absolute form too', () => {
      for (const url of ['http://x/volumes/huangpu_postgres', 'http://x/v1.41/volumes/huangpu%5Fpostgres?force=1']) {
        const r = run(['curl', '-s', '-w', '\n%{http_code}', '--unix-socket', sock, '-X', 'DELETE', url]);
        expect(r.stdout).toMatch(/403$/);
        expect(r.stdout).toContain(DENIED);
      }
      const absolute = run(['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', '--unix-socket', sock, '-X', 'DELETE', '--request-target', 'http://docker/v1.41/volumes/huangpu_postgres', 'http://x/']);
      expect(absolute.stdout).toBe('403');
      expect(readRow('huangpu_postgres')).toBe('precious\n');
    });

    it('refuses an HTTP client in Node and one in Python', async () => {
      const status = await new Promise<number>((resolve, reject) => {
        request({ socketPath: sock, method: 'DELETE', path: '/v1.41/volumes/huangpu_postgres' }, (res) => { res.resume(); resolve(res.statusCode ?? 0); }).on('error', reject).end();
      });
      expect(status).toBe(403);
      const py = run(['python3', '-c', [
        'import http.client, socket, sys',
        'class C(http.client.HTTPConnection):',
        '    def connect(self):',
        '        self.sock = socket.socket(socket.AF_UNIX); self.sock.connect(sys.argv[1])',
        'c = C("docker"); c.request("DELETE", "/v1.41/volumes/huangpu_postgres"); r = c.getresponse()',
        'print(r.status, r.read().decode())',
      ].join('\n'), sock]);
      expect(py.stdout).toMatch(/^403 .*compose-guard refused/);
      expect(readRow('huangpu_postgres')).toBe('precious\n');
    });

    it('refuses volume prune through a docker binary off PATH', () => {
      const opt = path.join(state, 'opt', 'docker');
      copyFileSync('/usr/bin/docker', opt);
      execFileSync('chmod', ['755', opt]);
      run(['docker', 'volume', 'create', 'unused_scratch']);
      // This engine speaks API 1.41, where the CLI hides prune's --all; the request itself is refused.
      const all = run([opt, 'volume', 'prune', '-a', '-f']);
      expect(all.status).not.toBe(0);
      const plain = run([opt, 'volume', 'prune', '-f']);
      expect(plain.status).toBe(1);
      expect(plain.stderr).toContain(`${DENIED} POST /volumes/prune`);
      const raw = run(['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', '--unix-socket', sock, '-X', 'POST', 'http://x/v1.41/volumes/prune?filters=%7B%22all%22%3A%5B%22true%22%5D%7D']);
      expect(raw.stdout).toBe('403');
      expect(volumes()).toEqual(expect.arrayContaining(['huangpu_postgres', 'unused_scratch']));
      expect(readRow('huangpu_postgres')).toBe('precious\n');
    });

    it('refuses docker rm -v of a container with an anonymous volume, allows it without -v', () => {
      const created = run(['docker', 'create', '-v', '/cache', '--name', 'with-anon', ctx.image]);
      expect(created.status, created.stderr).toBe(0);
      const r = run(['/usr/bin/docker', 'rm', '-v', 'with-anon']);
      expect(r.stderr).toContain(`${DENIED} DELETE /containers/with-anon?v=1`);
      expect(run(['/usr/bin/docker', 'rm', 'with-anon']).status).toBe(0);
    });

    it('refuses docker compose down -v run without the shims: the containers go, the volumes stay', () => {
      const project = copyFixture('huangpu', path.join(repoRoot, 'test/fixtures'));
      expect(run(['docker', 'compose', 'up', '-d'], { cwd: project }).status).toBe(0);
      const down = run(['docker', 'compose', 'down', '-v'], { cwd: project });
      expect(down.status).not.toBe(0);
      expect(down.stderr).toContain(DENIED);
      expect(volumes()).toEqual(expect.arrayContaining(['huangpu_minio', 'huangpu_nats', 'huangpu_postgres']));
      expect(readRow('huangpu_postgres')).toBe('precious\n');
    });

    it('lets an allow-once through the shims go ahead once; the grant is used up', () => {
      // Granted at a terminal: the person types the volume's name there.
      const command = ['compose-guard', 'allow-once', '--reason', 'restore test', '--', 'docker', 'volume', 'rm', 'huangpu_postgres'];
      const actions = [['wait', 'anything else cancels'], ['type', 'huangpu_postgres\r']];
      const issued = run(['python3', path.join(repoRoot, 'test/helpers/pty_run.py'), JSON.stringify(command), JSON.stringify(actions)], { shims: true });
      expect(issued.stdout).toMatch(/exit=0\s*$/);
      const rm = run(['docker', 'volume', 'rm', 'huangpu_postgres'], { shims: true });
      expect(rm.status, rm.stderr).toBe(0);
      expect(volumes()).not.toContain('huangpu_postgres');
      seed('huangpu_postgres');
      expect(run(['docker', 'volume', 'rm', 'huangpu_postgres'], { shims: true }).status).toBe(77);
      expect(run(['/usr/bin/docker', 'volume', 'rm', 'huangpu_postgres']).stderr).toContain(DENIED);
      const audit = readFileSync(path.join(state, 'home/.local/state/compose-guard/audit.jsonl'), 'utf8');
      expect(audit).toMatch(/"decision":"allow","reason":"a grant from the judge covers this request"/);
    });

    it('lets a grant expire, and grants exactly the volumes it names', async () => {
      const granted = await registerGrant({ volumes: ['huangpu_postgres'], containers: [], prune: false, seconds: 1, argv: ['docker'], user: 'test' }, env());
      expect(granted.registered).toBe(true);
      expect(run(['/usr/bin/docker', 'volume', 'rm', 'huangpu_minio']).stderr).toContain(DENIED);
      await new Promise((resolve) => setTimeout(resolve, 1300));
      expect(run(['/usr/bin/docker', 'volume', 'rm', 'huangpu_postgres']).stderr).toContain(DENIED);
      expect(readRow('huangpu_postgres')).toBe('precious\n');
    });
  });

  describe('on a ci host', () => {
    it('resets: docker compose down -v through the shims, and without them', () => {
      setPolicy('environment: ci\n');
      const project = copyFixture('huangpu', path.join(repoRoot, 'test/fixtures'));
      expect(run(['docker', 'compose', 'up', '-d'], { cwd: project }).status).toBe(0);
      const down = run(['docker', 'compose', 'down', '-v'], { cwd: project, shims: true });
      expect(down.status, down.stderr).toBe(0);
      expect(volumes().filter((v) => v.startsWith('huangpu_'))).toEqual([]);
      seed('scratch');
      expect(run(['/usr/bin/docker', 'volume', 'rm', 'scratch']).status).toBe(0);
    });
  });

  describe('under load', () => {
    it('answers 10,000 requests from 50 concurrent clients with zero errors', async () => {
      setPolicy('environment: production\n');
      seed('huangpu_postgres');
      const agent = new Agent({ keepAlive: true, maxSockets: 50 });
      const routes: Array<[string, string, number]> = [
        ['GET', '/_ping', 200], ['GET', '/v1.41/containers/json?all=1', 200], ['GET', '/v1.41/volumes', 200],
        ['GET', '/v1.41/version', 200], ['DELETE', '/v1.41/volumes/huangpu_postgres', 403],
      ];
      let errors = 0;
      let refused = 0;
      const unexpected: string[] = [];
      const send = (method: string, route: string) => new Promise<number | string>((resolve) => {
        request({ socketPath: sock, agent, method, path: route }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode ?? 0)); })
          .on('error', (error) => resolve(error.message)).end();
      });
      const started = performance.now();
      await Promise.all(Array.from({ length: 50 }, async (_, client) => {
        for (let i = 0; i < 200; i++) {
          const [method, route, expected] = routes[(client + i) % routes.length] as [string, string, number];
          const status = await send(method, route);
          if (status !== expected) {
            errors++;
            unexpected.push(`${method} ${route}: ${status}`);
          }
          if (status === 403) refused++;
        }
      }));
      const seconds = (performance.now() - started) / 1000;
      agent.destroy();
      console.log(`authz load: 10000 requests, 50 clients, ${seconds.toFixed(1)} s (${(10000 / seconds).toFixed(0)}/s), ${errors} errors, ${refused} deletions refused ${unexpected.join("; ")}`);
      expect(unexpected).toEqual([]);
      expect(errors).toBe(0);
      expect(refused).toBe(2000);
      expect(readRow('huangpu_postgres')).toBe('precious\n');
      expect(readFileSync(path.join(state, 'plugin.pid'), 'utf8').trim()).toMatch(/^\d+$/);
      expect(run(['docker', 'version', '--format', '{{.Server.Version}}']).status).toBe(0);
    });
  });
});
