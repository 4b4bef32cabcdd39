// How the tools' HTTP client reaches an engine: the dialling itself is the judge's
// (src/daemon/engine-dial.ts: unix://, tcp:// in plain HTTP or TLS, ssh:// through ssh and
// `docker system dial-stdio`); here it becomes options for node:http / node:https. Each request
// gets a connection of its own, except over ssh, where connections are kept as docker keeps them.
import { Agent } from 'node:http';
import type { RequestOptions } from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { engineTransport, openConnection } from '../daemon/engine-dial.js';
import type { TlsMaterial } from '../daemon/engine-tls.js';


export interface Dialer {
  /** Over TLS (https) or plain HTTP. */
  secure: boolean;
  /** Where each request connects: a socket path, host and port with TLS settings, or an agent that keeps ssh connections. */
  options: RequestOptions;
  /** A new connection of its own, for a request written by hand (an archive as HTTP/1.0). */
  open(): Duplex;
}

type Env = Record<string, string | undefined>;

export function engineDialer(endpoint: string, tls: TlsMaterial | undefined, env: Env): Dialer {
  const transport = engineTransport(endpoint, tls);
  const open = () => openConnection(transport, env);
  switch (transport.kind) {
    case 'unix':
      return { secure: false, options: { socketPath: transport.socketPath }, open };
    case 'tcp':
      return { secure: false, options: { host: transport.host, port: transport.port }, open };
    case 'tls':
      return { secure: true, options: transport.options as RequestOptions, open };
    case 'ssh': {
      // Connections are kept and reused, as docker does: one ssh per request would cost a login each.
      const agent = new (class extends Agent {
        override createConnection(): Socket {
          return openConnection(transport, env) as Socket;
        }
      })({ keepAlive: true });
      return { secure: false, options: { agent }, open };
    }
  }
}
