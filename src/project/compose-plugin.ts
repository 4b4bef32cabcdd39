// Which `docker-compose` plugin `docker compose` runs, searched as the docker CLI does: the
// config file's cliPluginsExtraDirs, then <config dir>/cli-plugins, then the system folders.
import path from 'node:path';
import type { Env } from '../host.js';
import { closeSync, openSync, readSync } from 'node:fs';
import { isExecutableFile } from '../cli/real-binary.js';

export const SYSTEM_PLUGIN_DIRS = [
  '/usr/local/lib/docker/cli-plugins',
  '/usr/local/libexec/docker/cli-plugins',
  '/usr/lib/docker/cli-plugins',
  '/usr/libexec/docker/cli-plugins',
];

/** The docker CLI's config folder: `--config`, else DOCKER_CONFIG, else ~/.docker. */
export function dockerConfigDir(env: Env, configFlag: string | undefined): string {
  return configFlag || env.DOCKER_CONFIG || path.join(env.HOME ?? '/', '.docker');
}

function readBounded(file: string, max: number): string | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const buffer = Buffer.alloc(max);
    return buffer.subarray(0, readSync(fd, buffer, 0, max, 0)).toString('utf8');
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

function extraDirs(configDir: string): string[] {
  const text = readBounded(path.join(configDir, 'config.json'), 256 * 1024);
  if (!text) return [];
  try {
    const parsed = JSON.parse(text) as { cliPluginsExtraDirs?: unknown };
    return Array.isArray(parsed.cliPluginsExtraDirs) ? parsed.cliPluginsExtraDirs.filter((d): d is string => typeof d === 'string') : [];
  } catch {
    return [];
  }
}

export function pluginSearchPath(env: Env, configFlag: string | undefined): string[] {
  const configDir = dockerConfigDir(env, configFlag);
  return [...extraDirs(configDir), path.join(configDir, 'cli-plugins'), ...SYSTEM_PLUGIN_DIRS];
}

export function findComposePlugin(env: Env, configFlag: string | undefined): string | undefined {
  return pluginSearchPath(env, configFlag).map((d) => path.join(d, 'docker-compose')).find(isExecutableFile);
}
