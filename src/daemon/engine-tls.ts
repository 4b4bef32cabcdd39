// The TLS docker uses to reach a tcp:// engine: for an address given directly (DOCKER_HOST, -H),
// --tlsverify / DOCKER_TLS_VERIFY (verify) or --tls / DOCKER_TLS (no verify) with the
// certificates of --tlscacert/--tlscert/--tlskey or DOCKER_CERT_PATH (else the config folder);
// for a context, its own TLS material and its SkipTLSVerify.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ConnectionOptions } from 'node:tls';
import type { TlsFlags } from '../grammar/command.js';
import { configDir, contextFiles, type DaemonTarget } from './target.js';

type Env = Record<string, string | undefined>;

export interface TlsMaterial {
  /** Check the engine's certificate against `ca` (DOCKER_TLS_VERIFY); else TLS without checking. */
  verify: boolean;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  /** Where it came from, for messages. */
  from: string;
}

/** The certificates in a folder (ca.pem, cert.pem, key.pem), those that are there. */
export function tlsFiles(dir: string, verify: boolean, from: string): TlsMaterial {
  const read = (name: string) => (existsSync(path.join(dir, name)) ? readFileSync(path.join(dir, name)) : undefined);
  return { verify, ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem'), from };
}

/**
 * TLS for an endpoint given by DOCKER_HOST or -H, as docker reads its flags and environment:
 * --tlsverify (else DOCKER_TLS_VERIFY) verifies, and given at all turns TLS on, as --tls (else
 * DOCKER_TLS) does; the files are --tlscacert, --tlscert and --tlskey, else those in
 * DOCKER_CERT_PATH (else docker's config folder `dir`) that are there.
 */
export function envTls(env: Env, dir: string, flags: TlsFlags = {}): TlsMaterial | undefined {
  const verify = flags.verify ?? (env.DOCKER_TLS_VERIFY ?? '') !== '';
  if (!verify && flags.verify === undefined && !(flags.tls ?? (env.DOCKER_TLS ?? '') !== '')) return undefined;
  const certs = env.DOCKER_CERT_PATH || dir;
  const material = tlsFiles(certs, verify, `DOCKER_CERT_PATH ${certs}`);
  const given = (file: string | undefined, flag: string): Buffer | undefined => {
    if (file === undefined) return undefined;
    if (!existsSync(file)) throw new Error(`${flag} ${file} cannot be read`);
    return readFileSync(file);
  };
  return {
    ...material,
    ca: flags.cacert === undefined ? material.ca : given(flags.cacert, '--tlscacert'),
    cert: flags.cert === undefined ? material.cert : given(flags.cert, '--tlscert'),
    key: flags.key === undefined ? material.key : given(flags.key, '--tlskey'),
    from: flags.cacert === undefined ? material.from : `--tlscacert ${flags.cacert}`,
  };
}

/**
 * The TLS docker would use for this target, if any (only tcp:// endpoints use TLS). A context's
 * files are in the config folder in effect (`contexts`: --config's); the default certificate
 * folder is docker's own config folder (DOCKER_CONFIG or ~/.docker), which --config does not move.
 */
export function targetTls(target: DaemonTarget | { context: string }, env: Env, contexts = configDir({}, env), flags?: TlsFlags): TlsMaterial | undefined {
  if (target.context === 'default' || target.context === 'unknown') return envTls(env, configDir({}, env), flags);
  const files = contextFiles(contexts, target.context);
  if (!existsSync(files.tls)) return undefined;
  let skip = false;
  try {
    const meta = JSON.parse(readFileSync(files.meta, 'utf8')) as { Endpoints?: { docker?: { SkipTLSVerify?: boolean } } };
    skip = meta.Endpoints?.docker?.SkipTLSVerify === true;
  } catch { /* no meta: verify */ }
  return tlsFiles(files.tls, !skip, `context ${target.context}`);
}

/** How to open TLS to host:port with this material; verification without a CA is refused. */
export function tlsOptions(host: string, port: number, tls: TlsMaterial): ConnectionOptions {
  if (tls.verify && !tls.ca) throw new Error(`TLS is asked for (DOCKER_TLS_VERIFY) but there is no ca.pem in ${tls.from}`);
  const { isIP } = process.getBuiltinModule('node:net');
  return {
    // The Host header names no host; an address is checked against the certificate's IP names.
    host, port, servername: isIP(host) ? '' : host, ca: tls.ca, cert: tls.cert, key: tls.key, rejectUnauthorized: tls.verify,
    ...(tls.verify ? {} : { checkServerIdentity: () => undefined }),
  };
}
