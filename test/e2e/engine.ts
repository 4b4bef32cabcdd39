// What the end-to-end suite needs from the machine, as provisioned by test/e2e/provision.sh.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface E2eContext {
  available: boolean;
  reason: string;
  dockerHost: string;
  /** Folder whose docker-compose is Compose v2 run standalone. */
  v2Bin: string;
  image: string;
}

export const stateDir = process.env.COMPOSE_GUARD_E2E_DIR ?? '/tmp/compose-guard-e2e';
export const IMAGE = 'compose-guard-busybox:latest';
export const V1 = '/usr/bin/docker-compose';

export function probeEngine(): E2eContext {
  const envFile = path.join(stateDir, 'env');
  const dockerHost = existsSync(envFile) ? readFileSync(envFile, 'utf8').trim().replace(/^DOCKER_HOST=/, '') : (process.env.DOCKER_HOST ?? '');
  const v2Bin = path.join(stateDir, 'bin');
  const base = { dockerHost, v2Bin, image: IMAGE };
  const env = { ...process.env, DOCKER_HOST: dockerHost || undefined };
  const docker = (...args: string[]) => spawnSync('docker', args, { env, encoding: 'utf8', timeout: 20_000 });
  const missing = (reason: string): E2eContext => ({ ...base, available: false, reason });
  if (docker('info').status !== 0) return missing(`no Docker engine answers${dockerHost ? ` at ${dockerHost}` : ''}`);
  if (docker('compose', 'version', '--short').status !== 0) return missing('the Compose v2 plugin is missing');
  if (!existsSync(path.join(v2Bin, 'docker-compose'))) return missing(`no standalone Compose v2 in ${v2Bin}`);
  if (!existsSync(V1)) return missing(`Compose v1 is missing (${V1})`);
  if (docker('image', 'inspect', IMAGE).status !== 0) return missing(`the image ${IMAGE} is missing`);
  return { ...base, available: true, reason: '' };
}
