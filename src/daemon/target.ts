// The daemon a command addresses, in the docker CLI's order: --context, -H, DOCKER_HOST,
// DOCKER_CONTEXT, then currentContext of the config directory in effect (docker/cli cli.go).
import path from 'node:path';
import type { TargetFlags } from '../grammar/command.js';
import type { Env } from '../host.js';
import type { ProjectFs } from '../host.js';

export const DEFAULT_ENDPOINT = 'unix:///var/run/docker.sock';

export interface DaemonTarget {
  /** The docker context in effect (`default` when an endpoint is given directly). */
  context: string;
  /** Where the daemon is, when known (`unix:///…`, `tcp://…`, `ssh://…`). */
  endpoint?: string;
  /** Which setting chose it: `--context`, `-H`, `DOCKER_HOST`, `DOCKER_CONTEXT`, `config.json`, `default`. */
  source: string;
  /** Why the daemon addressed could not be worked out: any `targets:` glob may name it. */
  unknown?: string;
}

export function unknownTarget(reason: string): DaemonTarget {
  return { context: 'unknown', source: 'unknown', unknown: reason };
}

export function configDir(flags: TargetFlags, env: Env): string {
  return flags.configDir ?? env.DOCKER_CONFIG ?? path.join(env.HOME ?? '/', '.docker');
}

export function resolveTarget(flags: TargetFlags, env: Env, fs: ProjectFs): DaemonTarget {
  const dir = configDir(flags, env);
  if (flags.context) return contextTarget(flags.context, '--context', dir, env, fs);
  if (flags.host) return { context: 'default', endpoint: flags.host, source: '-H' };
  if (env.DOCKER_HOST) return { context: 'default', endpoint: env.DOCKER_HOST, source: 'DOCKER_HOST' };
  if (env.DOCKER_CONTEXT) return contextTarget(env.DOCKER_CONTEXT, 'DOCKER_CONTEXT', dir, env, fs);
  const current = currentContext(dir, fs);
  if (current) return contextTarget(current, 'config.json', dir, env, fs);
  return { context: 'default', endpoint: DEFAULT_ENDPOINT, source: 'default' };
}

/**
 * The daemon Compose v1 (1.29.2, with docker-py 5) addresses, by its own order
 * (compose/cli/command.py project_from_options, docker_client.py docker_client, docker-py's
 * contexts): --context (whose `default` is the unix socket, whatever DOCKER_HOST says; -H beside
 * it is refused), else -H (empty: the unix socket), else DOCKER_HOST, else the unix socket when
 * DOCKER_TLS_VERIFY (set, not "") or DOCKER_CERT_PATH turns TLS on (v1 then sets the current
 * context's endpoint to no host), else config.json's currentContext. DOCKER_CONTEXT means nothing
 * to it. `env` is Compose's environment (`.env`'s DOCKER_* settings too).
 */
export function resolveTargetV1(flags: TargetFlags, env: Env, fs: ProjectFs): DaemonTarget {
  const dir = configDir({}, env);
  const named = (name: string, source: string) => (name === 'default' ? { context: name, endpoint: DEFAULT_ENDPOINT, source } : contextTarget(name, source, dir, env, fs));
  if (flags.context !== undefined && flags.host !== undefined) return unknownTarget('Compose v1 refuses -H together with --context');
  if (flags.context) return named(flags.context, '--context');
  if (flags.host !== undefined) return { context: 'default', endpoint: flags.host.replace(/^=+/, '') || DEFAULT_ENDPOINT, source: '-H' };
  if (env.DOCKER_HOST) return { context: 'default', endpoint: env.DOCKER_HOST, source: 'DOCKER_HOST' };
  const current = composeV1EnvTls(env) ? undefined : currentContext(dir, fs);
  return named(current ?? 'default', current ? 'config.json' : 'default');
}

/**
 * Whether Compose v1's environment turns TLS on, as docker-py's kwargs_from_env reads it:
 * DOCKER_TLS_VERIFY set to anything but "" (even "0") verifies; it or DOCKER_CERT_PATH turns TLS
 * on. Undefined when neither does. (It decides both where v1 goes without -H and how it gets there.)
 */
export function composeV1EnvTls(env: Env): { verify: boolean; certPath: string | undefined } | undefined {
  const certPath = env.DOCKER_CERT_PATH || undefined;
  const verify = env.DOCKER_TLS_VERIFY !== undefined && env.DOCKER_TLS_VERIFY !== '';
  return certPath || verify ? { verify, certPath } : undefined;
}

function currentContext(dir: string, fs: ProjectFs): string | undefined {
  const text = fs.read(path.join(dir, 'config.json'));
  if (!text) return undefined;
  try {
    const value = (JSON.parse(text) as { currentContext?: unknown }).currentContext;
    return typeof value === 'string' && value !== '' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Where docker keeps a context's files in the config directory `dir`: folders named by the sha256 of its name. */
export function contextFiles(dir: string, name: string): { meta: string; tls: string } {
  const { createHash } = process.getBuiltinModule('node:crypto');
  const id = createHash('sha256').update(name).digest('hex');
  return { meta: path.join(dir, 'contexts', 'meta', id, 'meta.json'), tls: path.join(dir, 'contexts', 'tls', id, 'docker') };
}

function contextTarget(name: string, source: string, dir: string, env: Env, fs: ProjectFs): DaemonTarget {
  if (name === 'default') return { context: name, endpoint: env.DOCKER_HOST ?? DEFAULT_ENDPOINT, source };
  const text = fs.read(contextFiles(dir, name).meta);
  try {
    const meta = JSON.parse(text ?? '') as { Endpoints?: { docker?: { Host?: string } } };
    return { context: name, endpoint: meta.Endpoints?.docker?.Host, source };
  } catch {
    return { context: name, source };
  }
}
