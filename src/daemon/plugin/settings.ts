// Where the plugin listens and what it guards: COMPOSE_GUARD_* variables (the systemd unit sets
// none and gets the defaults), DOCKER_HOST for the engine it asks about containers and volumes.
import path from 'node:path';
import type { Env } from '../../host.js';
import { DEFAULT_ENDPOINT } from '../target.js';
import { DEFAULT_GRANT_SECONDS, MAX_GRANT_SECONDS } from './grants.js';

export const PLUGIN_NAME = 'compose-guard';
export const DEFAULT_PLUGIN_SOCKET = `/run/docker/plugins/${PLUGIN_NAME}.sock`;
export const DEFAULT_GRANT_SOCKET = '/run/compose-guard/grants.sock';

export interface DaemonSettings {
  pluginName: string;
  /** dockerd finds the plugin by this socket's name in /run/docker/plugins. */
  pluginSocket: string;
  grantSocket: string;
  /** The group that may register grants (besides root). */
  grantGroup: string | undefined;
  engine: string;
  maxGrantSeconds: number;
}

function seconds(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value && Number.isFinite(n) && n >= 1 ? Math.min(n, MAX_GRANT_SECONDS) : fallback;
}

export function daemonSettings(env: Env): DaemonSettings {
  const pluginSocket = path.resolve(env.COMPOSE_GUARD_PLUGIN_SOCKET || DEFAULT_PLUGIN_SOCKET);
  return {
    pluginName: path.basename(pluginSocket, '.sock'),
    pluginSocket,
    grantSocket: grantSocketPath(env),
    grantGroup: env.COMPOSE_GUARD_GRANT_GROUP ?? 'docker',
    engine: env.DOCKER_HOST || DEFAULT_ENDPOINT,
    maxGrantSeconds: seconds(env.COMPOSE_GUARD_GRANT_MAX_SECONDS, MAX_GRANT_SECONDS),
  };
}

/** The grant socket, for the daemon and for the judge that registers grants with it. */
export function grantSocketPath(env: Env): string {
  return path.resolve(env.COMPOSE_GUARD_GRANT_SOCKET || DEFAULT_GRANT_SOCKET);
}

/** How long a grant the judge registers lives. */
export function grantSeconds(env: Env): number {
  return seconds(env.COMPOSE_GUARD_GRANT_SECONDS, DEFAULT_GRANT_SECONDS);
}
