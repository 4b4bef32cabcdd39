// What the end-to-end suite needs from the machine, as provisioned by test/e2e/provision.sh. The
// suite only ever talks to the engine that script started in the state folder (its own socket);
// an engine on the default socket, or named by the caller's DOCKER_HOST, is never used.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One Compose v2 version, installed as a plugin in its own docker config folder. */
export interface ComposeBuild {
  version: string;
  /** DOCKER_CONFIG for `docker compose` to run this version. */
  configDir: string;
}

export interface E2eContext {
  available: boolean;
  reason: string;
  dockerHost: string;
  /** Folder whose docker-compose is Compose v2 run standalone. */
  v2Bin: string;
  image: string;
  /** The Compose v2 versions the differential suite compares against, oldest first. */
  composeBuilds: ComposeBuild[];
}

export const stateDir = process.env.COMPOSE_GUARD_E2E_DIR ?? '/tmp/compose-guard-e2e';
export const IMAGE = 'compose-guard-busybox:latest';
export const V1 = '/usr/bin/docker-compose';
/** The versions provision.sh installs; the suite refuses to run with fewer. */
export const MODELLED_BUILDS = ['2.26.1', '2.40.3'];

function readBuilds(): ComposeBuild[] {
  const file = path.join(stateDir, 'compose-versions');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => {
    const [version = '', configDir = ''] = line.split(' ');
    return { version, configDir };
  });
}

export function probeEngine(): E2eContext {
  const envFile = path.join(stateDir, 'env');
  const dockerHost = existsSync(envFile) ? readFileSync(envFile, 'utf8').trim().replace(/^DOCKER_HOST=/, '') : '';
  const v2Bin = path.join(stateDir, 'bin');
  const composeBuilds = readBuilds();
  const base = { dockerHost, v2Bin, image: IMAGE, composeBuilds };
  const missing = (reason: string): E2eContext => ({ ...base, available: false, reason });
  if (!dockerHost) return missing(`no engine provisioned in ${stateDir}`);
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_HOST: dockerHost };
  delete env.DOCKER_CONTEXT;
  delete env.DOCKER_CONFIG;
  const docker = (...args: string[]) => spawnSync('docker', args, { env, encoding: 'utf8', timeout: 20_000 });
  if (docker('info').status !== 0) return missing(`no Docker engine answers at ${dockerHost}`);
  if (docker('compose', 'version', '--short').status !== 0) return missing('the Compose v2 plugin is missing');
  if (!existsSync(path.join(v2Bin, 'docker-compose'))) return missing(`no standalone Compose v2 in ${v2Bin}`);
  if (!existsSync(V1)) return missing(`Compose v1 is missing (${V1})`);
  const versions = composeBuilds.map((b) => b.version);
  const absent = MODELLED_BUILDS.filter((v) => !versions.includes(v));
  if (absent.length > 0) return missing(`Compose ${absent.join(', ')} is not provisioned in ${stateDir}`);
  if (docker('image', 'inspect', IMAGE).status !== 0) return missing(`the image ${IMAGE} is missing`);
  return { ...base, available: true, reason: '' };
}
