// Every test starts from a clean environment: HOME and the policy path are temporary, so no
// machine's own configuration can leak in.
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach } from 'vitest';
import { compileComposeSpec } from '../scripts/compile-compose-spec.mjs';

// The resolver imports the compose-spec validators `npm run build` compiles; a test run without a
// build compiles them here (once: it does nothing while they are newer than the schemas).
compileComposeSpec();

// Every temporary folder a test file makes goes into one folder of its own (TMPDIR, which
// os.tmpdir() and the programs the tests start read), removed when the file's tests end, so runs
// leave nothing behind. Sticky and writable by all, like /tmp, for the tests that run as other
// users. The base is remembered: a worker runs several files, and TMPDIR is this file's folder.
const base = process.env.CG_TEST_TMPDIR_BASE ?? tmpdir();
process.env.CG_TEST_TMPDIR_BASE = base;
const fileTmp = mkdtempSync(path.join(base, 'cg-test-'));
chmodSync(fileTmp, 0o1777);
process.env.TMPDIR = fileTmp;
afterAll(() => {
  try {
    rmSync(fileTmp, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    // a program a test started may still be writing there; the folder is then left
  }
});

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
