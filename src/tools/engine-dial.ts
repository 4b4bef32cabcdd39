// How the tools reach an engine, as the docker CLI does: a unix socket, tcp:// in plain HTTP or
// over TLS (DOCKER_TLS_VERIFY / DOCKER_TLS with DOCKER_CERT_PATH, or a context's TLS material),
// and ssh:// (`ssh [-l user] [-p port] -- host docker system dial-stdio`, HTTP over its stdio).
// Each request gets a connection of its own.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import type { RequestOptions } from 'node:https';
import { isIP, type Socket } from 'node:net';
import path from 'node:path';
import { Duplex } from 'node:stream';

export interface TlsMaterial {
  /** Check the engine's certificate against `ca` (DOCKER_TLS_VERIFY); else TLS without checking. */
  verify: boolean;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  /** Where it came from, for messages. */
  from: string;
}

export interface Dialer {
  /** Over TLS (https) or plain HTTP. */
  secure: boolean;
  /** Where each request connects: a socket path, host and port with TLS settings, or an agent that keeps ssh connections. */
  options: RequestOptions;
}

type Env = Record<string, string | undefined>;

/** The certificates in a folder (ca.pem, cert.pem, key.pem), those that are there. */
export function tlsFiles(dir: string, verify: boolean, from: string): TlsMaterial {
  const read = (name: string) => (existsSync(path.join(dir, name)) ? readFileSync(path.join(dir, name)) : undefined);
  return { verify, ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem'), from };
}

/** TLS for an endpoint given by DOCKER_HOST or -H, from the environment as docker reads it. */
export function envTls(env: Env, configDir: string): TlsMaterial | undefined {
  const verify = (env.DOCKER_TLS_VERIFY ?? '') !== '';
  if (!verify && (env.DOCKER_TLS ?? '') === '') return undefined;
  const dir = env.DOCKER_CERT_PATH || configDir;
  return tlsFiles(dir, verify, `DOCKER_CERT_PATH ${dir}`);
}

export interface SshTarget {
  user?: string;
  host: string;
  port?: string;
  /** The engine's socket on the remote host (the URL's path), when given. */
  socket?: string;
}

export function parseSsh(endpoint: string): SshTarget {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new Error(`${endpoint} is not an ssh:// address docker can use`);
  }
  if (url.password) throw new Error(`${endpoint}: a password in an ssh:// address is not supported (docker refuses it too)`);
  if (url.search || url.hash || !url.hostname) throw new Error(`${endpoint} is not an ssh:// address docker can use`);
  return { user: url.username ? decodeURIComponent(url.username) : undefined, host: url.hostname, port: url.port || undefined, socket: url.pathname && url.pathname !== '/' ? decodeURIComponent(url.pathname) : undefined };
}

/** The ssh command line docker runs for an ssh:// engine. */
export function sshArgv(target: SshTarget): string[] {
  return [
    '-o', 'ConnectTimeout=30', ...(target.user ? ['-l', target.user] : []), ...(target.port ? ['-p', target.port] : []), '--', target.host,
    'docker', ...(target.socket ? ['--host', `unix://${target.socket}`] : []), 'system', 'dial-stdio',
  ];
}

function sshConnection(target: SshTarget, env: Env): Socket {
  const child = spawn('ssh', sshArgv(target), { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let said = '';
  child.stderr.on('data', (d: Buffer) => { said = (said + d.toString()).slice(-2000); });
  // Only ssh's exit ends the connection: the reading side ends when ssh has exited, and a write
  // into an ssh that already died is no error of its own. So a failed ssh is reported with its
  // status and message, never as an early end of the stream.
  child.stdin.on('error', () => undefined);
  const stream = new Duplex({
    read() {
      child.stdout.resume();
    },
    write(chunk: Buffer, _encoding, done) {
      if (child.stdin.destroyed || !child.stdin.writable) return done();
      child.stdin.write(chunk, () => done());
    },
    final(done) {
      child.stdin.end();
      done();
    },
    destroy(error, done) {
      child.kill();
      done(error);
    },
  });
  child.stdout.on('data', (d: Buffer) => {
    if (!stream.push(d)) child.stdout.pause();
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
  child.stdout.on('data', touch);
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

export function engineDialer(endpoint: string, tls: TlsMaterial | undefined, env: Env): Dialer {
  if (endpoint.startsWith('unix://')) return { secure: false, options: { socketPath: endpoint.slice('unix://'.length) } };
  if (endpoint.startsWith('tcp://')) {
    const url = new URL(`http://${endpoint.slice('tcp://'.length)}`);
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
    const port = Number(url.port || (tls ? 2376 : 2375));
    if (!tls) return { secure: false, options: { host, port } };
    if (tls.verify && !tls.ca) throw new Error(`TLS is asked for (DOCKER_TLS_VERIFY) but there is no ca.pem in ${tls.from}`);
    return {
      secure: true,
      options: {
        // The Host header names no host; an address is checked against the certificate's IP names.
        host, port, servername: isIP(host) ? '' : host, ca: tls.ca, cert: tls.cert, key: tls.key, rejectUnauthorized: tls.verify,
        ...(tls.verify ? {} : { checkServerIdentity: () => undefined }),
      },
    };
  }
  if (endpoint.startsWith('ssh://')) {
    const target = parseSsh(endpoint);
    // Connections are kept and reused, as docker does: one ssh per request would cost a login each.
    const agent = new (class extends Agent {
      override createConnection(): Socket {
        return sshConnection(target, env);
      }
    })({ keepAlive: true });
    return { secure: false, options: { agent } };
  }
  throw new Error(`the engine at ${endpoint} cannot be reached (unix://, tcp:// and ssh:// only)`);
}
