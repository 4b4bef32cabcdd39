// Where an engine address leads and how one connection to it is opened, as the docker CLI does
// it: unix:// a socket, tcp:// plain HTTP or TLS (engine-tls.ts), ssh:// the stdio of an ssh
// (engine-ssh.ts). One place for that knowledge: the judge's bounded client (http-get.ts) and the
// tools' streaming one (src/tools/engine-stream.ts) both dial through here. The modules a kind of
// address needs (net, tls, child_process) are loaded only when one is dialled.
import type { Duplex } from 'node:stream';
import type { ConnectionOptions } from 'node:tls';
import { tlsOptions, type TlsMaterial } from './engine-tls.js';
import { parseSsh, sshConnection, type SshOptions, type SshTarget } from './engine-ssh.js';

type Env = Record<string, string | undefined>;

export type Transport =
  | { kind: 'unix'; socketPath: string }
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'tls'; host: string; port: number; options: ConnectionOptions }
  | { kind: 'ssh'; target: SshTarget };

/** host:port, [v6]:port or host after tcp://; an empty host is the local one, as docker dials it. */
export function tcpAddress(endpoint: string, defaultPort: number): { host: string; port: number } | undefined {
  const match = /^(?:\[([^\]\s]*)\]|([^:/?#\s]*))(?::(\d{1,5}))?\/?$/.exec(endpoint.slice('tcp://'.length));
  if (!endpoint.startsWith('tcp://') || !match) return undefined;
  const port = Number(match[3] ?? defaultPort);
  if (port < 1 || port > 65535) return undefined;
  return { host: match[1] || match[2] || '127.0.0.1', port };
}

/** How `endpoint` is reached with `tls` (for tcp:// only); throws for an address docker could not use. */
export function engineTransport(endpoint: string, tls: TlsMaterial | undefined): Transport {
  if (endpoint.startsWith('unix://')) return { kind: 'unix', socketPath: endpoint.slice('unix://'.length) };
  if (endpoint.startsWith('tcp://')) {
    const address = tcpAddress(endpoint, tls ? 2376 : 2375);
    if (!address) throw new Error(`${endpoint} is not a tcp:// address docker can use`);
    return tls ? { kind: 'tls', ...address, options: tlsOptions(address.host, address.port, tls) } : { kind: 'tcp', ...address };
  }
  if (endpoint.startsWith('ssh://')) return { kind: 'ssh', target: parseSsh(endpoint) };
  throw new Error(`the engine at ${endpoint} cannot be reached (unix://, tcp:// and ssh:// only)`);
}

/** One new connection; writes may start at once (they wait for the connection, or the TLS handshake). */
export function openConnection(transport: Transport, env: Env, ssh: SshOptions = {}): Duplex {
  switch (transport.kind) {
    case 'unix':
      return process.getBuiltinModule('node:net').connect(transport.socketPath);
    case 'tcp':
      return process.getBuiltinModule('node:net').connect(transport.port, transport.host);
    case 'tls':
      return process.getBuiltinModule('node:tls').connect(transport.options);
    case 'ssh':
      return sshConnection(transport.target, env, ssh);
  }
}
