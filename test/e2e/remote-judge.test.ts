// The judge asks a remote engine what exists, as docker reaches it: tcp:// with TLS client
// certificates (the socat TLS front of tls-front.ts) and ssh:// (Debian's sshd on loopback and
// `ssh ... -- host docker system dial-stdio`). A judged `docker compose down -v` through the shims
// names the volumes that exist there, is stopped on production and goes through on ci; an engine
// it cannot reach (a certificate it does not trust, an unknown ssh user, an ssh that never
// answers) ends in the same verdict as an engine socket that is not there, within the deadline.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { installShims } from '../helpers/install.js';
import { withoutDockerSettings, type Outcome } from './helpers.js';
import { freePort } from './ports.js';
import { startSftpServer, type SftpServer } from './sftp-server.js';
import { startTlsFront, type TlsFront } from './tls-front.js';

const ctx = inject('e2e');
const IMAGE = 'compose-guard-busybox:latest';
const PROJECT = 'cgjudgeremote';
const VOLUME = `${PROJECT}_data`;
const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const tools = ['socat', 'openssl', '/usr/sbin/sshd'].every((p) => spawnSync('sh', ['-c', `command -v ${p}`]).status === 0);

interface Checked {
  decision: string;
  volumes: Array<{ name: string; exists?: boolean }>;
  uncertainties: string[];
  notes: string[];
  ms: number;
}

describe.skipIf(!ctx.available || (!tools && !process.env.CI))('the judge asks a remote engine: tcp with TLS, and ssh', () => {
  let home: string;
  let project: string;
  let bin: string;
  let policies: Record<'production' | 'ci', string>;
  let front: TlsFront | undefined;
  let sshd: SftpServer | undefined;
  let silent: Server | undefined;
  let silentPort: number;
  let sshPath: string;

  const run = (argv: string[], env: Record<string, string> = {}, extraPath = ''): Outcome & { ms: number } => {
    const started = performance.now();
    const result = spawnSync(argv[0]!, argv.slice(1), {
      cwd: project, encoding: 'utf8', timeout: 120_000,
      env: { ...withoutDockerSettings(process.env), HOME: home, NO_COLOR: '1', COMPOSE_GUARD_POLICY: policies.production, DOCKER_HOST: ctx.dockerHost, ...env, PATH: `${extraPath}${SYSTEM_PATH}` },
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, ms: performance.now() - started };
  };
  /** `docker compose down -v` through the shims, with `env` pointing docker (and so the judge) at the engine. */
  const downThroughShims = (env: Record<string, string>, environment: 'production' | 'ci') =>
    run(['docker', 'compose', 'down', '-v'], { ...env, COMPOSE_GUARD_POLICY: policies[environment] }, `${bin}:${sshPath}:`);
  const check = (env: Record<string, string>, environment: 'production' | 'ci' = 'production', dockerFlags: string[] = []): Checked => {
    const out = run([path.join(bin, 'compose-guard'), 'check', '--json', '--', 'docker', ...dockerFlags, 'compose', 'down', '-v'], { ...env, COMPOSE_GUARD_POLICY: policies[environment] }, `${sshPath}:`);
    expect(out.stdout, out.stderr).toMatch(/^\{/);
    return { ...(JSON.parse(out.stdout) as Omit<Checked, 'ms'>), ms: out.ms };
  };
  const volumeExists = () => run(['docker', 'volume', 'inspect', VOLUME]).status === 0;
  const up = () => {
    const result = run(['docker', 'compose', 'up', '-d']);
    expect(result.status, result.stderr).toBe(0);
    expect(volumeExists()).toBe(true);
  };
  const tlsEnv = (certs: string) => ({ DOCKER_HOST: `tcp://127.0.0.1:${front!.port}`, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs });
  const sshEnv = (user = sshd!.user, port = sshd!.port) => ({ DOCKER_HOST: `ssh://${user}@127.0.0.1:${port}${ctx.dockerHost.replace(/^unix:\/\//, '')}` });
  /** What the judge says when the engine's socket is not there at all. */
  const unreachable = (environment: 'production' | 'ci') => check({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' }, environment);

  /** Against a reachable engine: the volume is named as existing; production stops, ci lets the real destroy happen. */
  const judgedAgainst = (env: Record<string, string>) => {
    up();
    const judged = check(env);
    expect(judged, judged.notes.join('\n')).toMatchObject({ decision: 'block', volumes: [{ name: VOLUME, exists: true }], uncertainties: [] });
    expect(judged.notes.join('\n')).not.toMatch(/could not be asked|not asked directly/);
    // A volume the engine does not have is told apart: the engine's answer, not the files'.
    expect(check(env).volumes.find((v) => v.name === VOLUME)?.exists).toBe(true);
    const stopped = downThroughShims(env, 'production');
    expect(stopped.status, stopped.stderr).toBe(77);
    expect(stopped.stderr).toContain(VOLUME);
    expect(volumeExists()).toBe(true);
    const ci = downThroughShims(env, 'ci');
    expect(ci.status, ci.stderr).toBe(0);
    expect(volumeExists()).toBe(false);
    const gone = check(env);
    expect(gone.volumes).toEqual([expect.objectContaining({ name: VOLUME, exists: false })]);
  };

  /** Against an engine it cannot reach: the verdict of a missing socket, within the judge's deadline. */
  const unreachableAs = (env: Record<string, string>, why: RegExp) => {
    for (const environment of ['production', 'ci'] as const) {
      const judged = check(env, environment);
      const reference = unreachable(environment);
      expect(judged.decision).toBe(reference.decision);
      expect(judged.volumes).toEqual(reference.volumes);
      expect(judged.volumes.every((v) => v.exists === undefined)).toBe(true);
      expect(judged.notes.join('\n')).toMatch(why);
      // The judge's resolution deadline is 2.5 s; this is the whole process, start to exit.
      expect(judged.ms).toBeLessThan(4000);
    }
    expect(unreachable('production').decision).toBe('block');
    const stopped = downThroughShims(env, 'production');
    expect(stopped.status, stopped.stderr).toBe(77);
  };

  beforeAll(async () => {
    home = mkdtempSync(path.join(tmpdir(), 'cg-e2e-home-'));
    project = path.join(mkdtempSync(path.join(tmpdir(), 'cg-e2e-')), PROJECT);
    mkdirSync(project);
    writeFileSync(path.join(project, 'compose.yaml'), `services:\n  app:\n    image: ${IMAGE}\n    command: sleep 3600\n    volumes: [data:/data]\nvolumes:\n  data: {}\n`);
    policies = { production: path.join(home, 'production.yaml'), ci: path.join(home, 'ci.yaml') };
    writeFileSync(policies.production, 'environment: production\n');
    writeFileSync(policies.ci, 'environment: ci\n');
    bin = installShims().bin;
    run(['docker', 'compose', 'down', '-v']);
    front = await startTlsFront(ctx.dockerHost.replace(/^unix:\/\//, ''));
    sshd = await startSftpServer({ prefix: 'cgjudge', groups: ['docker'] });
    // docker runs plain `ssh`; the client's key and host-key settings come in as an operator's ~/.ssh/config would give them.
    sshPath = path.join(home, 'ssh-bin');
    mkdirSync(sshPath);
    writeFileSync(path.join(sshPath, 'ssh'), `#!/bin/sh\nexec /usr/bin/ssh -i ${sshd.key} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR "$@"\n`);
    chmodSync(path.join(sshPath, 'ssh'), 0o755);
    // A host that accepts the connection and never says a word: ssh waits (ConnectTimeout=30).
    silentPort = await freePort();
    silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent!.listen(silentPort, '127.0.0.1', resolve));
  });

  afterAll(() => {
    run(['docker', 'compose', 'down', '-v']);
    front?.stop();
    sshd?.stop();
    silent?.close();
  });

  it('tcp:// with TLS client certificates: the engine\'s volumes are named; stopped on production, through on ci', () => {
    judgedAgainst(tlsEnv(front!.goodCerts));
    // The same engine named by docker's own flags instead of the environment.
    up();
    const certs = front!.goodCerts;
    const flags = ['-H', `tcp://127.0.0.1:${front!.port}`, '--tlsverify', '--tlscacert', path.join(certs, 'ca.pem'), '--tlscert', path.join(certs, 'cert.pem'), '--tlskey', path.join(certs, 'key.pem')];
    expect(check({}, 'production', flags)).toMatchObject({ decision: 'block', volumes: [{ name: VOLUME, exists: true }] });
  });

  it('tcp:// with TLS through Compose v1: its -H options and its reading of DOCKER_TLS_VERIFY; not verifying, plain HTTP', () => {
    up();
    const certs = front!.goodCerts;
    const endpoint = `tcp://127.0.0.1:${front!.port}`;
    const options = ['-H', endpoint, '--tlsverify', '--tlscacert', path.join(certs, 'ca.pem'), '--tlscert', path.join(certs, 'cert.pem'), '--tlskey', path.join(certs, 'key.pem')];
    // requests, under Compose v1, verifies with REQUESTS_CA_BUNDLE or CURL_CA_BUNDLE instead of --tlscacert when either is set.
    const noBundle = { REQUESTS_CA_BUNDLE: '', CURL_CA_BUNDLE: '' };
    const v1 = (args: string[], env: Record<string, string> = {}) => run(['/usr/bin/docker-compose', ...args], { ...noBundle, ...env });
    const checkV1 = (args: string[], env: Record<string, string> = {}) => {
      const out = run([path.join(bin, 'compose-guard'), 'check', '--json', '--', 'docker-compose', ...args, 'down', '-v'], { ...noBundle, ...env });
      expect(out.stdout, out.stderr).toMatch(/^\{/);
      return JSON.parse(out.stdout) as Omit<Checked, 'ms'>;
    };
    /** The judgement of an engine it could not ask: stopped on production, the volume not known to exist. */
    const notReached = (judged: Omit<Checked, 'ms'>) => {
      expect(judged).toMatchObject({ decision: 'block', volumes: [{ name: VOLUME }] });
      expect(judged.volumes[0]?.exists).toBeUndefined();
      expect(judged.notes.join('\n')).toMatch(/the engine could not be asked/);
    };
    // The real Compose v1 reaches the engine both ways, and so does the judge: the engine's answer, not a doubt.
    for (const [args, env] of [[options, {}], [['-H', endpoint], { DOCKER_CERT_PATH: certs, DOCKER_TLS_VERIFY: 'yes' }]] as const) {
      const ps = v1([...args, 'ps'], env);
      expect(ps.status, ps.stderr).toBe(0);
      expect(checkV1([...args], env)).toMatchObject({ decision: 'block', volumes: [{ name: VOLUME, exists: true }], uncertainties: [] });
    }
    // Not verifying (DOCKER_CERT_PATH alone), Compose v1 speaks plain HTTP: the TLS engine hangs up on it, and on the judge.
    const certPathOnly = { DOCKER_HOST: endpoint, DOCKER_CERT_PATH: certs };
    expect(v1(['ps'], certPathOnly).stderr).toMatch(/Connection reset by peer|Connection aborted/);
    notReached(checkV1([], certPathOnly));
    // A bundle without the engine's CA: Compose v1 cannot verify the engine, and neither can the judge.
    const otherCa = { REQUESTS_CA_BUNDLE: path.join(path.dirname(path.dirname(certs)), 'rogue-ca.pem') };
    expect(v1([...options, 'ps'], otherCa).stderr).toContain('CERTIFICATE_VERIFY_FAILED');
    notReached(checkV1(options, otherCa));
    // --tls alone: Compose v1 fails before it connects; the judge finds the engine unreachable.
    expect(v1(['-H', endpoint, '--tls', 'ps']).stderr).toContain("'bool' object has no attribute 'verify'");
    expect(checkV1(['-H', endpoint, '--tls']).notes.join('\n')).toMatch(/--tls without/);
  });

  it('tcp:// with a client certificate the engine does not trust: the verdict of an engine that is not there, in time', () => {
    up();
    unreachableAs(tlsEnv(front!.rogueCerts), /the engine could not be asked/);
    expect(volumeExists()).toBe(true);
  });

  it('ssh://: the engine\'s volumes are named through ssh and docker system dial-stdio; stopped on production, through on ci', () => {
    judgedAgainst(sshEnv());
  });

  it('ssh:// as an unknown user, or to a host that never answers: the verdict of an engine that is not there, in time', () => {
    up();
    unreachableAs(sshEnv('nobody'), /ssh to 127\.0\.0\.1 ended with status 255/);
    unreachableAs(sshEnv(sshd!.user, silentPort), /no answer within|did not answer/);
    expect(volumeExists()).toBe(true);
  });
});
