// A private sftp server for the restic suite: Debian's sshd on 127.0.0.1 with its own
// configuration, host key and a user and key made for the test; stopped and removed afterwards.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './ports.js';

export interface SftpServer {
  user: string;
  port: number;
  home: string;
  key: string;
  /** restic's -o value that reaches this server. */
  sftpCommand: string;
  stop(): void;
}

function must(argv: string[]): void {
  const result = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${argv.join(' ')}: ${result.stderr}`);
}

/** `groups`: supplementary groups of the test user (`docker`, to reach an engine's socket over ssh). */
export async function startSftpServer(options: { prefix?: string; groups?: string[] } = {}): Promise<SftpServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cg-sshd-'));
  chmodSync(dir, 0o755);
  const user = `${options.prefix ?? 'cgrestic'}${process.pid % 100000}`;
  const home = path.join(dir, 'home');
  // '*': no password, but not locked (sshd without PAM refuses a locked account even with a key).
  must(['useradd', '--home-dir', home, '--create-home', '--shell', '/bin/sh', '--password', '*', ...(options.groups?.length ? ['--groups', options.groups.join(',')] : []), user]);
  const removeUser = () => spawnSync('userdel', ['--remove', '--force', user]);
  try {
    return await serve(dir, user, home);
  } catch (error) {
    removeUser();
    throw error;
  }
}

async function serve(dir: string, user: string, home: string): Promise<SftpServer> {
  must(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, 'host_key')]);
  must(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, 'client_key')]);
  mkdirSync(path.join(dir, 'keys'));
  writeFileSync(path.join(dir, 'keys', user), spawnSync('cat', [path.join(dir, 'client_key.pub')], { encoding: 'utf8' }).stdout);
  // sshd refuses to start without its privilege-separation folder (the package makes it at boot).
  if (!existsSync('/run/sshd')) mkdirSync('/run/sshd', { mode: 0o755 });
  const port = await freePort();
  const config = path.join(dir, 'sshd_config');
  writeFileSync(config, [
    `Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${path.join(dir, 'host_key')}`, `PidFile ${path.join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${path.join(dir, 'keys', '%u')}`, 'StrictModes no', 'PasswordAuthentication no', 'KbdInteractiveAuthentication no',
    'UsePAM no', `AllowUsers ${user}`, 'Subsystem sftp internal-sftp', '',
  ].join('\n'));
  const sshd: ChildProcess = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', config], { stdio: 'ignore' });
  const key = path.join(dir, 'client_key');
  const ssh = ['ssh', '-p', String(port), '-i', key, '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'BatchMode=yes', '-o', 'LogLevel=ERROR'];
  for (let i = 0; ; i++) {
    if (spawnSync(ssh[0]!, [...ssh.slice(1), `${user}@127.0.0.1`, 'true']).status === 0) break;
    if (i > 50) {
      sshd.kill();
      throw new Error('sshd did not accept the test key on 127.0.0.1');
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  }
  return {
    user, port, home, key,
    sftpCommand: `sftp.command=${ssh.join(' ')} ${user}@127.0.0.1 -s sftp`,
    stop() {
      sshd.kill();
      spawnSync('userdel', ['--remove', '--force', user]);
    },
  };
}
