// The judge's loader and its bundles, as installed: a command the grammar alone lets through
// never loads the commands bundle, and a damaged code cache costs speed, never the verdict.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { installShims, repoRoot } from '../helpers/install.js';

let lib: string;

beforeAll(() => {
  lib = path.join(installShims().prefix, 'lib', 'compose-guard');
});

/** The V8 flags the loader declares for every judge. */
function judgeFlags(libDir: string): string[] {
  return spawnSync(process.execPath, [path.join(libDir, 'judge-loader.cjs'), '__node-flags'], { encoding: 'utf8' }).stdout.trim().split(' ');
}

/** Runs the judge as the shim does (with the judge's flags unless told); `verdict` is what it answered on file descriptor 3. */
function judge(libDir: string, argv: string[], nodeArgs = judgeFlags(libDir)) {
  const home = mkdtempSync(path.join(tmpdir(), 'cg-loader-'));
  writeFileSync(path.join(home, 'policy.yaml'), 'environment: production\n');
  const env = { PATH: '/usr/bin:/bin', HOME: home, COMPOSE_GUARD_POLICY: path.join(home, 'policy.yaml'), NO_COLOR: '1', DOCKER_HOST: 'unix:///nonexistent.sock', COMPOSE_GUARD_VERDICT: 'tok-1' };
  const r = spawnSync(process.execPath, [...nodeArgs, path.join(libDir, 'judge-loader.cjs'), 'shim', 'docker', '/bin/true', '--', ...argv], {
    env, cwd: path.join(repoRoot, 'test/fixtures/basic'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  return { status: r.status, stderr: r.stderr, verdict: String(r.output[3]) };
}

function copyOfLib(): string {
  const copy = mkdtempSync(path.join(tmpdir(), 'cg-lib-'));
  cpSync(lib, copy, { recursive: true });
  return copy;
}

describe('judge-loader', () => {
  it('stops a destructive command with the installed bundles and caches', () => {
    const r = judge(lib, ['compose', 'down', '-v']);
    expect([r.status, r.verdict]).toEqual([77, 'stop tok-1\n']);
    expect(r.stderr).toContain('compose-guard: stopped docker compose down -v');
  });

  it.each([['rm', 'ctr'], ['image', 'prune', '-a'], ['network', 'rm', 'net'], ['compose', 'down']])('lets %j through without the commands bundle', (...argv) => {
    const copy = copyOfLib();
    rmSync(path.join(copy, 'commands.cjs'));
    const r = judge(copy, argv);
    expect([r.status, r.verdict, r.stderr]).toEqual([0, 'go tok-1\n', '']);
  });

  it('needs the commands bundle for anything the grammar cannot let through', () => {
    const copy = copyOfLib();
    rmSync(path.join(copy, 'commands.cjs'));
    const r = judge(copy, ['compose', 'down', '-v']);
    expect(r.status).not.toBe(0);
    expect(r.verdict).not.toContain('go');
  });

  it('writes its code caches under the flags the shims and the command start the judge with', () => {
    const flags = judgeFlags(lib);
    expect(flags).toContain('--no-sparkplug');
    const prefix = path.dirname(path.dirname(lib));
    for (const shim of ['docker', 'docker-compose']) {
      expect(readFileSync(path.join(prefix, 'bin', shim), 'utf8')).toContain(`exec "\${COMPOSE_GUARD_NODE:-$guard_node}" ${flags.join(' ')} \\\n`);
    }
    expect(readFileSync(path.join(prefix, 'bin', 'compose-guard'), 'utf8')).toContain(` ${flags.join(' ')} "${lib}/judge-loader.cjs" "$@"`);
    // What V8 made of each cache the loader offered it (install.sh wrote them from a node started without the flags).
    const probe = path.join(mkdtempSync(path.join(tmpdir(), 'cg-probe-')), 'probe.cjs');
    writeFileSync(probe, [
      "const vm = require('node:vm'); const { writeSync } = require('node:fs'); const Script = vm.Script;",
      'vm.Script = class extends Script { constructor(source, options) { super(source, options);',
      "  if (options && options.cachedData) writeSync(2, `cache ${require('node:path').basename(options.filename)} ${this.cachedDataRejected ? 'rejected' : 'taken'}\\n`); } };",
    ].join('\n'));
    const caches = (nodeArgs: string[]) => judge(lib, ['compose', 'down', '-v'], [...nodeArgs, '--require', probe]).stderr.split('\n').filter((l) => l.startsWith('cache ')).sort();
    expect(caches(flags)).toEqual(['cache commands.cjs taken', 'cache compose-spec-2_26_1.cjs taken', 'cache compose-spec-2_40_3.cjs taken', 'cache judge.cjs taken']);
    expect(caches([])).toEqual(['cache commands.cjs rejected', 'cache compose-spec-2_26_1.cjs rejected', 'cache compose-spec-2_40_3.cjs rejected', 'cache judge.cjs rejected']);
    // Nothing of V8's own on stderr.
    expect(judge(lib, ['rm', 'ctr'])).toMatchObject({ status: 0, verdict: 'go tok-1\n', stderr: '' });
  });

  it('ignores a damaged or missing code cache', () => {
    const damaged = copyOfLib();
    writeFileSync(path.join(damaged, 'judge.cjs.cache'), 'not a cache');
    writeFileSync(path.join(damaged, 'commands.cjs.cache'), Buffer.alloc(4096, 7));
    writeFileSync(path.join(damaged, 'tools.cjs.cache'), Buffer.alloc(100, 1));
    const missing = copyOfLib();
    for (const bundle of ['judge', 'commands', 'tools']) rmSync(path.join(missing, `${bundle}.cjs.cache`));
    for (const copy of [lib, damaged, missing]) {
      expect(judge(copy, ['compose', 'down', '-v']).verdict).toBe('stop tok-1\n');
      expect(judge(copy, ['rm', 'ctr']).verdict).toBe('go tok-1\n');
      // A command of the tools bundle (served from its own cache).
      const home = mkdtempSync(path.join(tmpdir(), 'cg-loader-'));
      const listed = spawnSync(process.execPath, [path.join(copy, 'judge-loader.cjs'), 'snapshots', '--json'], {
        env: { PATH: '/usr/bin:/bin', HOME: home, COMPOSE_GUARD_POLICY: path.join(home, 'none.yaml') }, encoding: 'utf8',
      });
      expect([listed.status, JSON.parse(listed.stdout), listed.stderr]).toEqual([0, [], '']);
    }
  });
});
