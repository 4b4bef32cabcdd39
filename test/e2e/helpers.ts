// Running commands the way an operator would: through the installed shims on PATH, or
// directly with the real programs, against the provisioned engine.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { E2eContext } from './engine.js';

const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface Outcome {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Put the shims first on PATH (otherwise the real programs are run directly). */
  shims?: string;
  /** Make `docker-compose` the standalone Compose v2 instead of v1. */
  v2Standalone?: boolean;
  policy?: string;
  input?: string;
  /** Variables added to the command's environment. */
  env?: NodeJS.ProcessEnv;
}

export function commandRunner(ctx: E2eContext, cwd: string, home: string) {
  return (argv: string[], options: RunOptions = {}): Outcome => {
    const PATH = [options.shims, options.v2Standalone ? ctx.v2Bin : undefined, SYSTEM_PATH].filter(Boolean).join(':');
    const env: NodeJS.ProcessEnv = {
      ...withoutDockerSettings(process.env), PATH, HOME: home, DOCKER_HOST: ctx.dockerHost, NO_COLOR: '1',
      COMPOSE_GUARD_POLICY: options.policy ?? path.join(home, 'no-policy.yaml'), ...options.env,
    };
    const [cmd, ...args] = argv as [string, ...string[]];
    const result = spawnSync(cmd, args, { cwd, env, input: options.input ?? '', encoding: 'utf8', timeout: 120_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
}

/** The caller's environment without the variables that could point docker at another engine. */
export function withoutDockerSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('DOCKER_')));
}

/** A copy of a fixture project in a fresh folder named like the project. */
export function copyFixture(name: string, fixtures: string): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'cg-e2e-')), name);
  cpSync(path.join(fixtures, name), dir, { recursive: true });
  return dir;
}

export function writePolicy(dir: string, environment: string): string {
  const file = path.join(dir, `policy-${environment}.yaml`);
  writeFileSync(file, `environment: ${environment}\n`);
  return file;
}
