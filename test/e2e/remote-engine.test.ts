// Snapshots, restore and status of an engine reached the way a remote one is: tcp:// with TLS
// client certificates (a socat TLS front with verify=1 before the private engine, certificates
// made with openssl) and ssh:// (Debian's sshd on loopback; docker's own `ssh ... docker system
// dial-stdio` on the far side reaches the engine). The destroy in between is real.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { installShims } from '../helpers/install.js';
import { withoutDockerSettings, type Outcome } from './helpers.js';
import { startSftpServer, type SftpServer } from './sftp-server.js';
import { startTlsFront, type TlsFront } from './tls-front.js';

const ctx = inject('e2e');
const IMAGE = 'compose-guard-busybox:latest';
const PROJECT = 'cgremote';
const VOLUME = `${PROJECT}_data`;
const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const tools = ['socat', 'openssl', '/usr/sbin/sshd'].every((p) => spawnSync('sh', ['-c', `command -v ${p}`]).status === 0);

describe.skipIf(!ctx.available || (!tools && !process.env.CI))('snapshots, restore and status of a remote engine: tcp with TLS, and ssh', () => {
  let home: string;
  let project: string;
  let bin: string;
  let policy: string;
  let front: TlsFront | undefined;
  let sshd: SftpServer | undefined;
  let sshPath: string;

  const run = (argv: string[], env: Record<string, string> = {}): Outcome => {
    const result = spawnSync(argv[0]!, argv.slice(1), {
      cwd: project, encoding: 'utf8', timeout: 120_000,
      env: { ...withoutDockerSettings(process.env), PATH: SYSTEM_PATH, HOME: home, NO_COLOR: '1', COMPOSE_GUARD_POLICY: policy, DOCKER_HOST: ctx.dockerHost, ...env },
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const guard = (args: string[], env: Record<string, string>) => run([path.join(bin, 'compose-guard'), ...args], env);
  const contents = () => run(['docker', 'run', '--rm', '-v', `${VOLUME}:/data`, IMAGE, 'sh', '-c', 'cd /data && find . -type f | sort | xargs md5sum']).stdout;
  const tlsEnv = (certs: string) => ({ DOCKER_HOST: `tcp://127.0.0.1:${front!.port}`, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs });
  const sshEnv = () => ({ DOCKER_HOST: `ssh://${sshd!.user}@127.0.0.1:${sshd!.port}${ctx.dockerHost.replace(/^unix:\/\//, '')}`, PATH: `${sshPath}:${SYSTEM_PATH}` });

  /** The drill through one transport: snapshot, a real down -v, status 1, restore, up, status 0, the same files. */
  const drill = (env: Record<string, string>) => {
    expect(run(['docker', 'compose', 'up', '-d']).status).toBe(0);
    const before = contents();
    expect(before).toMatch(/\.\/notes\/b/);
    const snap = guard(['snapshot'], env);
    expect(snap.status, snap.stderr).toBe(0);
    const id = snap.stdout.trim();
    expect(snap.stderr).toMatch(new RegExp(`${VOLUME}: 3 files, .*paused ${PROJECT}-app-1 for \\d+ ms`));
    expect(run(['docker', 'compose', 'down', '-v']).status).toBe(0);
    expect(run(['docker', 'volume', 'inspect', VOLUME]).status).toBe(1);
    const missing = guard(['status', '--json'], env);
    expect(missing.status, missing.stderr).toBe(1);
    expect(JSON.parse(missing.stdout).volumes[0]).toMatchObject({ name: VOLUME, exists: false });
    const restore = guard(['restore', id], env);
    expect(restore.status, restore.stderr).toBe(0);
    expect(run(['docker', 'compose', 'up', '-d']).status).toBe(0);
    const status = guard(['status', '--json'], env);
    expect(status.status, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout).volumes[0]).toMatchObject({ name: VOLUME, exists: true, empty: false, newestSnapshot: expect.objectContaining({ id }) });
    expect(contents()).toBe(before);
    return id;
  };

  beforeAll(async () => {
    home = mkdtempSync(path.join(tmpdir(), 'cg-e2e-home-'));
    project = path.join(mkdtempSync(path.join(tmpdir(), 'cg-e2e-')), PROJECT);
    mkdirSync(project);
    writeFileSync(path.join(project, 'compose.yaml'), `services:\n  app:\n    image: ${IMAGE}\n    volumes: [data:/data]\nvolumes:\n  data: {}\n`);
    policy = path.join(home, 'policy.yaml');
    writeFileSync(policy, `snapshots:\n  dir: ${path.join(home, 'snapshots')}\n`);
    bin = installShims().bin;
    run(['docker', 'compose', 'down', '-v']);
    expect(run(['docker', 'compose', 'up', '-d']).status).toBe(0);
    const fill = run(['docker', 'compose', 'exec', '-T', 'app', 'sh', '-c', 'mkdir /data/notes && echo first > /data/a && head -c 400000 /dev/urandom > /data/notes/b && echo x > /data/notes/c']);
    expect(fill.status, fill.stderr).toBe(0);
    front = await startTlsFront(ctx.dockerHost.replace(/^unix:\/\//, ''));
    sshd = await startSftpServer({ prefix: 'cgdocker', groups: ['docker'] });
    // docker runs plain `ssh`; the client's key and host-key settings come in as an operator's ~/.ssh/config would give them.
    sshPath = path.join(home, 'ssh-bin');
    mkdirSync(sshPath);
    writeFileSync(path.join(sshPath, 'ssh'), `#!/bin/sh\nexec /usr/bin/ssh -i ${sshd.key} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR "$@"\n`);
    chmodSync(path.join(sshPath, 'ssh'), 0o755);
  });

  afterAll(() => {
    run(['docker', 'compose', 'down', '-v']);
    front?.stop();
    sshd?.stop();
  });

  it('tcp:// with TLS client certificates: snapshot, real destroy, restore and status; a client certificate the engine does not trust is refused', () => {
    expect(run(['docker', 'version', '--format', '{{.Server.Version}}'], tlsEnv(front!.goodCerts)).status).toBe(0);
    const id = drill(tlsEnv(front!.goodCerts));
    expect(guard(['snapshots', '--json'], tlsEnv(front!.goodCerts)).stdout).toContain(id);
    // docker itself is refused with that certificate, and so is compose-guard: nothing is copied.
    expect(run(['docker', 'version', '--format', '{{.Server.Version}}'], tlsEnv(front!.rogueCerts)).status).not.toBe(0);
    const refused = guard(['snapshot'], tlsEnv(front!.rogueCerts));
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^compose-guard snapshot: failed: .*(certificate|alert|socket hang up|ECONNRESET)/);
    const plain = guard(['snapshot'], { DOCKER_HOST: `tcp://127.0.0.1:${front!.port}` });
    expect(plain.status).toBe(1);
  });

  it('ssh://: snapshot, real destroy, restore and status through ssh and docker system dial-stdio', () => {
    expect(run(['docker', 'volume', 'inspect', VOLUME, '--format', '{{.Name}}'], sshEnv()).stdout.trim()).toBe(VOLUME);
    drill(sshEnv());
    const unknown = guard(['snapshot'], { ...sshEnv(), DOCKER_HOST: `ssh://nobody@127.0.0.1:${sshd!.port}` });
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/ssh to 127\.0\.0\.1 ended with status 255/);
  });
});
