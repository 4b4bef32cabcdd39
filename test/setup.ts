// Every test starts from a clean environment: HOME and the policy path are temporary, so no
// machine's own configuration can leak in.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach } from 'vitest';
import { compileComposeSpec } from '../scripts/compile-compose-spec.mjs';

// The resolver imports the compose-spec validators `npm run build` compiles; a test run without a
// build compiles them here (once: it does nothing while they are newer than the schemas).
compileComposeSpec();

const original = { ...process.env };

// The host file always applies (no variable may redirect it: that would be a way around it), so
// a machine that has one would leak into every judged command here.
if (existsSync('/etc/compose-guard/policy.yaml')) {
  throw new Error('this machine has /etc/compose-guard/policy.yaml, which applies to every command; run the tests where it does not exist');
}

beforeEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in original)) delete process.env[key];
  Object.assign(process.env, original);
  const home = mkdtempSync(path.join(tmpdir(), 'cg-home-'));
  process.env.HOME = home;
  process.env.XDG_CONFIG_HOME = path.join(home, '.config');
  process.env.COMPOSE_GUARD_POLICY = path.join(home, 'policy.yaml');
  for (const key of Object.keys(process.env)) {
    if (key.startsWith('COMPOSE_') && key !== 'COMPOSE_GUARD_POLICY') delete process.env[key];
  }
  delete process.env.DOCKER_CONTEXT;
  delete process.env.DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND;
});
