// ssh:// engines, reached as the docker CLI reaches them: `ssh [-l user] [-p port] -- host docker
// [--host unix://PATH] system dial-stdio`, HTTP over the stdio of that ssh. The judge runs it with
// BatchMode=yes in a session of its own (no password or host-key question can reach a terminal)
// and kills it at its deadline; the tools run docker's own command line.
import type { ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';

type Env = Record<string, string | undefined>;

export interface SshTarget {
  user?: string;
  host: string;
  port?: string;
  /** The engine's socket on the remote host (the URL's path), when given. */
  socket?: string;
}

export interface SshOptions {
  /** No questions at all (BatchMode=yes, no terminal), killed outright when dropped: for the judge. */
  batch?: boolean;
}

export function parseSsh(endpoint: string): SshTarget {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new Error(`${endpoint} is not an ssh:// address docker can use`);
  }
  if (url.password) throw new Error(`${endpoint}: a password in an ssh:// address is not supported (docker refuses it too)`);
  if (url.protocol !== 'ssh:' || url.search || url.hash || !url.hostname) throw new Error(`${endpoint} is not an ssh:// address docker can use`);
  return { user: url.username ? decodeURIComponent(url.username) : undefined, host: url.hostname, port: url.port || undefined, socket: url.pathname && url.pathname !== '/' ? decodeURIComponent(url.pathname) : undefined };
}

/** The ssh command line docker runs for an ssh:// engine (with BatchMode=yes first when `batch`). */
export function sshArgv(target: SshTarget, options: SshOptions = {}): string[] {
  return [
    ...(options.batch ? ['-o', 'BatchMode=yes'] : []),
    '-o', 'ConnectTimeout=30', ...(target.user ? ['-l', target.user] : []), ...(target.port ? ['-p', target.port] : []), '--', target.host,
    'docker', ...(target.socket ? ['--host', `unix://${target.socket}`] : []), 'system', 'dial-stdio',
  ];
}

/** One connection to the engine: a socket-like stream over a new ssh's stdio. */
export function sshConnection(target: SshTarget, env: Env, options: SshOptions = {}): Socket {
  // Loaded here only: the judge's unix-socket path never starts a program or builds a stream.
  const { spawn } = process.getBuiltinModule('node:child_process');
  const { Duplex } = process.getBuiltinModule('node:stream');
  const child: ChildProcess = spawn('ssh', sshArgv(target, options), { env, stdio: ['pipe', 'pipe', 'pipe'], detached: options.batch === true });
  if (options.batch) {
    // In a session of its own, an ssh would outlive a judge that exits while it still waits
    // (ConnectTimeout=30): it goes with the judge.
    const reap = () => child.kill('SIGKILL');
    process.once('exit', reap);
    child.once('exit', () => process.off('exit', reap));
  }
  const stdin = child.stdin!;
  const stdout = child.stdout!;
  let said = '';
  child.stderr!.on('data', (d: Buffer) => { said = (said + d.toString()).slice(-2000); });
  // Only ssh's exit ends the connection: the reading side ends when ssh has exited, and a write
  // into an ssh that already died is no error of its own. So a failed ssh is reported with its
  // status and message, never as an early end of the stream.
  stdin.on('error', () => undefined);
  const stream = new Duplex({
    read() {
      stdout.resume();
    },
    write(chunk: Buffer, _encoding, done) {
      if (stdin.destroyed || !stdin.writable) return done();
      stdin.write(chunk, () => done());
    },
    final(done) {
      stdin.end();
      done();
    },
    destroy(error, done) {
      if (child.exitCode === null && child.signalCode === null) child.kill(options.batch ? 'SIGKILL' : 'SIGTERM');
      done(error);
    },
  });
  stdout.on('data', (d: Buffer) => {
    if (!stream.push(d)) stdout.pause();
  });
  child.on('error', (e) => stream.destroy(new Error(`ssh could not run: ${e.message}`)));
  child.on('close', (code) => {
    if (code === 0 || code === null) stream.push(null);
    else stream.destroy(new Error(`ssh to ${target.host} ended with status ${code}: ${said.trim().split('\n').slice(-2).join(' ') || 'no message'}`));
  });
  // What the HTTP client asks of a socket: an idle timeout (reset by every byte read) and no-ops.
  let idleMs = 0;
  let idle: NodeJS.Timeout | undefined;
  const touch = () => {
    clearTimeout(idle);
    if (idleMs > 0) idle = setTimeout(() => stream.emit('timeout'), idleMs);
  };
  stdout.on('data', touch);
  stream.on('close', () => clearTimeout(idle));
  return Object.assign(stream, {
    setTimeout(ms: number, callback?: () => void) {
      idleMs = ms;
      if (callback) stream.once('timeout', callback);
      touch();
      return stream;
    },
    setNoDelay: () => stream,
    setKeepAlive: () => stream,
    ref: () => stream,
    unref: () => stream,
  }) as unknown as Socket;
}
