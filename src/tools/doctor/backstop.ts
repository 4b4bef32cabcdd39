// Whether the daemon-side backstop (compose-guard's Docker authorization plugin) guards the
// engine addressed now: dockerd must name the plugin (daemon.json `authorization-plugins`, or the
// --authorization-plugin flag of a running dockerd) and the plugin must listen on its socket.
// A dockerd that names a plugin which does not answer refuses every request, so that is a problem.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_ENDPOINT } from '../../daemon/target.js';

export const PLUGIN_NAME = 'compose-guard';
export const PLUGIN_SOCKET = `/run/docker/plugins/${PLUGIN_NAME}.sock`;
export const DAEMON_JSON = '/etc/docker/daemon.json';

export interface Backstop {
  state: 'active' | 'absent' | 'broken';
  detail: string;
  /** Where dockerd is told to ask the plugin. */
  configuredBy?: string;
}

/** dockerd command lines of running engines, read from /proc (a process may end meanwhile). */
function dockerdCommandLines(): string[][] {
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return [];
  }
  const cmdline = (pid: string): string => {
    try {
      return readFileSync(path.join('/proc', pid, 'cmdline'), 'utf8');
    } catch {
      return '';
    }
  };
  return pids.map((p) => cmdline(p).split('\0')).filter((argv) => path.basename(argv[0] ?? '') === 'dockerd');
}

/** The engines serving `endpoint`: a dockerd without -H serves the default socket. */
function dockerdsServing(endpoint: string): string[][] {
  return dockerdCommandLines().filter((argv) => {
    const hosts = argv.flatMap((a, i) => (a === '-H' || a === '--host' ? [argv[i + 1] ?? ''] : /^(-H|--host)=/.test(a) ? [a.replace(/^[^=]*=/, '')] : []));
    return hosts.length === 0 ? endpoint === DEFAULT_ENDPOINT : hosts.some((h) => h === endpoint || `unix://${h}` === endpoint);
  });
}

function flagValue(argv: string[], flag: string): string | undefined {
  const i = argv.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
  if (i < 0) return undefined;
  return argv[i]?.includes('=') ? argv[i]?.slice(flag.length + 1) : argv[i + 1];
}

function configuredIn(read: (file: string) => string | undefined, endpoint: string): string | undefined {
  const engines = dockerdsServing(endpoint);
  if (engines.some((argv) => argv.some((a, i) => a === `--authorization-plugin=${PLUGIN_NAME}` || (a === '--authorization-plugin' && argv[i + 1] === PLUGIN_NAME)))) {
    return `dockerd --authorization-plugin=${PLUGIN_NAME}`;
  }
  const files = new Set(engines.map((argv) => flagValue(argv, '--config-file') ?? DAEMON_JSON));
  if (engines.length === 0 && endpoint === DEFAULT_ENDPOINT) files.add(DAEMON_JSON);
  for (const file of files) {
    try {
      const plugins = (JSON.parse(read(file) ?? '{}') as { 'authorization-plugins'?: unknown })['authorization-plugins'];
      if (Array.isArray(plugins) && plugins.includes(PLUGIN_NAME)) return `${file} authorization-plugins`;
    } catch {
      // a daemon.json dockerd cannot read either; not ours to report
    }
  }
  return undefined;
}

/** The backstop of the engine at `endpoint` (the daemon addressed now). */
export function backstopStatus(read: (file: string) => string | undefined, endpoint: string = DEFAULT_ENDPOINT, socket = PLUGIN_SOCKET): Backstop {
  const configured = configuredIn(read, endpoint);
  const listening = existsSync(socket);
  if (configured && listening) return { state: 'active', detail: `${configured}; plugin listening on ${socket}`, configuredBy: configured };
  if (configured) return { state: 'broken', detail: `${configured} names the plugin, but nothing listens on ${socket}: dockerd refuses requests it cannot ask about`, configuredBy: configured };
  return { state: 'absent', detail: listening ? `the plugin listens on ${socket}, but dockerd is not told to ask it` : 'not installed: clients that bypass the shims (SDKs, docker on another host) are not guarded' };
}
