// A TLS front for the private engine, as a remote daemon with --tlsverify presents itself:
// the test certificates (test/helpers/certs.ts: a CA, the engine's certificate for 127.0.0.1, a
// client certificate, and a client certificate from another CA that must be refused), and Debian's
// socat listening on 127.0.0.1 with verify=1, forwarding each connection to the engine's socket.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { certFolder, makeCerts } from '../helpers/certs.js';
import { freePort, listening } from './ports.js';

export interface TlsFront {
  port: number;
  /** DOCKER_CERT_PATH folders: the right client certificate, and one from a CA the engine does not trust. */
  goodCerts: string;
  rogueCerts: string;
  stop(): void;
}

export async function startTlsFront(engineSocket: string): Promise<TlsFront> {
  const { dir, good } = makeCerts();
  const port = await freePort();
  const socat: ChildProcess = spawn('socat', [
    `OPENSSL-LISTEN:${port},bind=127.0.0.1,reuseaddr,fork,cert=${path.join(dir, 'engine.pem')},key=${path.join(dir, 'engine-key.pem')},cafile=${path.join(dir, 'ca.pem')},verify=1`,
    `UNIX-CONNECT:${engineSocket}`,
  ], { stdio: 'ignore' });
  for (let i = 0; !(await listening(port)); i++) {
    if (i > 100 || socat.exitCode !== null) {
      socat.kill();
      throw new Error(`socat did not listen on 127.0.0.1:${port}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { port, goodCerts: good, rogueCerts: certFolder(dir, 'bad', 'ca', 'rogue'), stop: () => socat.kill() };
}
