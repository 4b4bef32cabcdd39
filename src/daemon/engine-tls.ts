// The TLS docker uses to reach a tcp:// engine: for an address given directly (DOCKER_HOST, -H),
// --tlsverify / DOCKER_TLS_VERIFY (verify) or --tls / DOCKER_TLS (no verify) with the
// certificates of --tlscacert/--tlscert/--tlskey or DOCKER_CERT_PATH (else the config folder);
// for a context, its own TLS material and its SkipTLSVerify.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ConnectionOptions } from 'node:tls';
import type { ComposeV1Tls, TlsFlags } from '../grammar/command.js';
import { composeV1EnvTls, configDir, contextFiles, type DaemonTarget } from './target.js';

type Env = Record<string, string | undefined>;

export interface TlsMaterial {
  /** Check the engine's certificate against `ca` (DOCKER_TLS_VERIFY); else TLS without checking. */
  verify: boolean;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  /** Where it came from, for messages. */
  from: string;
  /** Check the certificate's chain but not that it names the host (Compose v1's --skip-hostname-check). */
  skipHostname?: boolean;
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

/** Python's `ssl.PROTOCOL_*` names (Python 3.11): COMPOSE_TLS_VERSION naming one is a TLS setting of Compose v1's. */
const PYTHON_TLS_PROTOCOLS = new Set(['SSLv23', 'TLS', 'TLS_CLIENT', 'TLS_SERVER', 'TLSv1', 'TLSv1_1', 'TLSv1_2']);

/**
 * TLS for an endpoint Compose v1 (1.29.2, with docker-py 5) reaches by DOCKER_HOST or -H, as it
 * reads them (compose/cli/docker_client.py; docker-py's kwargs_from_env, TLSConfig and Context).
 * `env` is Compose's environment (the .env file's settings too).
 * - Without -H (kwargs_from_env): DOCKER_TLS_VERIFY set to anything but "" (even "0") verifies;
 *   with it or DOCKER_CERT_PATH, the files are ca.pem, cert.pem and key.pem in DOCKER_CERT_PATH,
 *   else in ~/.docker. DOCKER_TLS (docker's own) means nothing to it.
 * - With -H (tls_config_from_options): --tlsverify, else DOCKER_TLS_VERIFY by Compose's own
 *   reading (unset, "", "0" and "false" are false), verifies; the files are --tlscacert,
 *   --tlscert and --tlskey (one surrounding pair of double quotes taken off), else all three in
 *   DOCKER_CERT_PATH, else, when verifying, in ~/.docker. --tls alone makes it fail before it connects.
 * Only a verifying Compose v1 speaks TLS: otherwise its client is given an http:// address, and
 * the certificates are checked for being there but not used (measured: DOCKER_CERT_PATH alone
 * sends plain HTTP to a TLS engine, which hangs up). Verifying, the CA is REQUESTS_CA_BUNDLE or
 * CURL_CA_BUNDLE when either is set (requests' rule, even over --tlscacert). A client certificate
 * without its key (or the other way round), or a file that is not there, makes Compose v1 refuse
 * the command: an error here (the engine is then unreachable). Verifying without a CA file (only
 * --tlscert and --tlskey given), Compose v1 trusts the system's roots; this client does not, and
 * finds the engine unreachable.
 */
export function composeV1Tls(env: Env, flags: ComposeV1Tls & { hostFlag: boolean }): TlsMaterial | undefined {
  const home = path.join(env.HOME ?? '', '.docker');
  const inDir = (dir: string) => ({ ca: path.join(dir, 'ca.pem'), cert: path.join(dir, 'cert.pem'), key: path.join(dir, 'key.pem') });
  if (!flags.hostFlag) {
    const on = composeV1EnvTls(env);
    if (!on) return undefined;
    const dir = on.certPath ?? home;
    const material = v1Material(env, { ...inDir(dir), verify: on.verify, skipHostname: false, from: `DOCKER_CERT_PATH ${dir}` });
    return on.verify ? material : undefined;
  }
  const unquote = (s: string | undefined) => (s && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s) || undefined;
  let files: { ca?: string; cert?: string; key?: string } = { ca: unquote(flags.cacert), cert: unquote(flags.cert), key: unquote(flags.key) };
  const verifyEnv = (env.DOCKER_TLS_VERIFY ?? '').toLowerCase();
  const verify = flags.verify || !['', '0', 'false'].includes(verifyEnv);
  const given = () => Boolean(files.ca || files.cert || files.key);
  let from = '--tlscacert/--tlscert/--tlskey';
  if (env.DOCKER_CERT_PATH && !given()) {
    files = inDir(env.DOCKER_CERT_PATH);
    from = `DOCKER_CERT_PATH ${env.DOCKER_CERT_PATH}`;
  }
  if (verify && !given()) {
    files = inDir(home);
    from = home;
  }
  const version = env.COMPOSE_TLS_VERSION ? PYTHON_TLS_PROTOCOLS.has(env.COMPOSE_TLS_VERSION) : false;
  if (!given() && !verify && !version) {
    if (flags.tls) throw new Error('Compose v1 fails on --tls without --tlsverify or certificates (it cannot build its TLS settings)');
    return undefined;
  }
  const material = v1Material(env, { ...files, verify, skipHostname: flags.skipHostnameCheck, from });
  return verify ? material : undefined;
}

/**
 * docker-py's TLSConfig of these files: the client certificate and its key both or neither, each
 * there; the CA there when verifying. It verifies through requests, which lets REQUESTS_CA_BUNDLE,
 * else CURL_CA_BUNDLE, stand in for the CA file (a bundle that is not there fails the request).
 */
function v1Material(env: Env, o: { ca?: string; cert?: string; key?: string; verify: boolean; skipHostname: boolean; from: string }): TlsMaterial {
  const isFile = (file: string) => existsSync(file) && statSync(file).isFile();
  if (o.cert || o.key) {
    if (!o.cert || !o.key || !isFile(o.cert) || !isFile(o.key)) throw new Error(`Compose v1 refuses its TLS settings: the client certificate and key (${o.from}) must both be there`);
  }
  if (o.verify && o.ca && !isFile(o.ca)) throw new Error(`Compose v1 refuses its TLS settings: no CA certificate ${o.ca}`);
  const bundle = env.REQUESTS_CA_BUNDLE || env.CURL_CA_BUNDLE || undefined;
  if (o.verify && bundle && !isFile(bundle)) throw new Error(`Compose v1 cannot verify the engine: the CA bundle ${bundle} (REQUESTS_CA_BUNDLE or CURL_CA_BUNDLE) is not there`);
  const ca = bundle ?? o.ca;
  return {
    verify: o.verify,
    ca: o.verify && ca ? readFileSync(ca) : undefined,
    cert: o.cert ? readFileSync(o.cert) : undefined,
    key: o.key ? readFileSync(o.key) : undefined,
    from: o.verify && bundle ? `${o.from}, verified with ${bundle}` : o.from,
    skipHostname: o.skipHostname,
  };
}

/**
 * The TLS docker would use for this target, if any (only tcp:// endpoints use TLS). A context's
 * files are in the config folder in effect (`contexts`: --config's); the default certificate
 * folder is docker's own config folder (DOCKER_CONFIG or ~/.docker), which --config does not move.
 * A Compose v1 reading (`composeV1`) reads its -H options and the environment by v1's own rules.
 */
export function targetTls(target: DaemonTarget | { context: string }, env: Env, contexts = configDir({}, env), flags?: TlsFlags, composeV1?: ComposeV1Tls & { hostFlag: boolean }): TlsMaterial | undefined {
  if (target.context === 'default' || target.context === 'unknown') return composeV1 ? composeV1Tls(env, composeV1) : envTls(env, configDir({}, env), flags);
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
    ...(tls.verify && !tls.skipHostname ? {} : { checkServerIdentity: () => undefined }),
  };
}
