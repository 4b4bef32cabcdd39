// A TLS front for the private engine, as a remote daemon with --tlsverify presents itself:
// certificates made with openssl (a CA, the engine's certificate for 127.0.0.1, a client
// certificate, and a client certificate from another CA that must be refused), and Debian's
// socat listening on 127.0.0.1 with verify=1, forwarding each connection to the engine's socket.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, listening } from './ports.js';

export interface TlsFront {
  port: number;
  /** DOCKER_CERT_PATH folders: the right client certificate, and one from a CA the engine does not trust. */
  goodCerts: string;
  rogueCerts: string;
  stop(): void;
}

function openssl(dir: string, args: string[]): void {
  const result = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${result.stderr}`);
}

function ca(dir: string, name: string): void {
  openssl(dir, ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', `/CN=${name}`, '-keyout', `${name}-key.pem`, '-out', `${name}.pem`]);
}

function signed(dir: string, caName: string, name: string, extensions: string): void {
  writeFileSync(path.join(dir, `${name}.ext`), extensions);
  openssl(dir, ['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', `/CN=${name}`, '-keyout', `${name}-key.pem`, '-out', `${name}.csr`]);
  openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', `${caName}.pem`, '-CAkey', `${caName}-key.pem`, '-CAcreateserial', '-days', '2', '-extfile', `${name}.ext`, '-out', `${name}.pem`]);
}

function certFolder(dir: string, name: string, caName: string, client: string): string {
  const folder = path.join(dir, name);
  mkdirSync(folder);
  copyFileSync(path.join(dir, `${caName}.pem`), path.join(folder, 'ca.pem'));
  copyFileSync(path.join(dir, `${client}.pem`), path.join(folder, 'cert.pem'));
  copyFileSync(path.join(dir, `${client}-key.pem`), path.join(folder, 'key.pem'));
  return folder;
}

export async function startTlsFront(engineSocket: string): Promise<TlsFront> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cg-tls-'));
  ca(dir, 'ca');
  ca(dir, 'rogue-ca');
  signed(dir, 'ca', 'engine', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  signed(dir, 'ca', 'client', 'extendedKeyUsage=clientAuth\n');
  signed(dir, 'rogue-ca', 'rogue', 'extendedKeyUsage=clientAuth\n');
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
  return { port, goodCerts: certFolder(dir, 'good', 'ca', 'client'), rogueCerts: certFolder(dir, 'bad', 'ca', 'rogue'), stop: () => socat.kill() };
}
