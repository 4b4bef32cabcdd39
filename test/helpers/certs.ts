// Certificates made with openssl for TLS tests: a CA, a server certificate for 127.0.0.1 and
// localhost, a client certificate, and the same from a second CA that nothing trusts. Each
// `docker` folder holds ca.pem, cert.pem and key.pem as DOCKER_CERT_PATH expects.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TestCerts {
  /** Where every file is: ca.pem, engine.pem, engine-key.pem, client.pem, rogue.pem and their keys. */
  dir: string;
  server: { cert: Buffer; key: Buffer; ca: Buffer };
  /** A DOCKER_CERT_PATH folder that trusts the server and is trusted by it. */
  good: string;
  /** One from another CA: it trusts no server certificate here, and no server trusts it. */
  rogue: string;
}

export const hasOpenssl = spawnSync('sh', ['-c', 'command -v openssl']).status === 0;

function openssl(dir: string, args: string[]): void {
  const result = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${result.stderr}`);
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

function ca(dir: string, name: string): void {
  openssl(dir, ['req', '-x509', ...EC, '-days', '2', '-subj', `/CN=${name}`, '-keyout', `${name}-key.pem`, '-out', `${name}.pem`]);
}

function signed(dir: string, caName: string, name: string, extensions: string): void {
  writeFileSync(path.join(dir, `${name}.ext`), extensions);
  openssl(dir, ['req', ...EC, '-subj', `/CN=${name}`, '-keyout', `${name}-key.pem`, '-out', `${name}.csr`]);
  openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', `${caName}.pem`, '-CAkey', `${caName}-key.pem`, '-CAcreateserial', '-days', '2', '-extfile', `${name}.ext`, '-out', `${name}.pem`]);
}

/** A DOCKER_CERT_PATH folder `<dir>/<name>/docker`: `caName` to check the server, `client`'s certificate and key. */
export function certFolder(dir: string, name: string, caName: string, client: string): string {
  const out = path.join(dir, name, 'docker');
  mkdirSync(out, { recursive: true });
  copyFileSync(path.join(dir, `${caName}.pem`), path.join(out, 'ca.pem'));
  copyFileSync(path.join(dir, `${client}.pem`), path.join(out, 'cert.pem'));
  copyFileSync(path.join(dir, `${client}-key.pem`), path.join(out, 'key.pem'));
  return out;
}

export function makeCerts(): TestCerts {
  const dir = mkdtempSync(path.join(tmpdir(), 'cg-certs-'));
  ca(dir, 'ca');
  ca(dir, 'rogue-ca');
  signed(dir, 'ca', 'engine', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  signed(dir, 'ca', 'client', 'extendedKeyUsage=clientAuth\n');
  signed(dir, 'rogue-ca', 'rogue', 'extendedKeyUsage=clientAuth\n');
  const read = (name: string) => readFileSync(path.join(dir, name));
  return { server: { cert: read('engine.pem'), key: read('engine-key.pem'), ca: read('ca.pem') }, dir, good: certFolder(dir, 'good', 'ca', 'client'), rogue: certFolder(dir, 'rogue', 'rogue-ca', 'rogue') };
}
