// The judge's unix-socket path loads nothing the remote transports need: node:tls, node:https and
// node:child_process are loaded only when an engine is reached over TLS or ssh. The built judge
// judges `docker volume rm` (the engine is asked whether the volume exists) with a preload that
// reports, at exit, which of those modules the process loaded.
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JUDGE } from '../helpers/cli-process.js';
import { startFakeEngine, type FakeEngine } from '../helpers/fake-engine.js';

let engine: FakeEngine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

/** Run asynchronously: the fake engine answers from this process. */
async function judged(dockerHost: string, extra: Record<string, string> = {}): Promise<{ loaded: string[]; stdout: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cg-modules-'));
  const preload = path.join(dir, 'report.cjs');
  writeFileSync(path.join(dir, 'policy.yaml'), 'environment: production\n');
  writeFileSync(preload, `process.on('exit', () => require('node:fs').writeSync(2, '\\nLOADED ' + JSON.stringify(process.moduleLoadList.filter((m) => /^NativeModule (tls|https|child_process)$/.test(m)).map((m) => m.slice(13))) + '\\n'));\n`);
  const result = await new Promise<{ stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, ['-r', preload, JUDGE, 'check', '--json', '--', 'docker', 'volume', 'rm', 'proj_data'], {
      cwd: dir, encoding: 'utf8', timeout: 20_000,
      env: { PATH: process.env.PATH, HOME: dir, COMPOSE_GUARD_POLICY: path.join(dir, 'policy.yaml'), DOCKER_HOST: dockerHost, ...extra },
    }, (_error, stdout, stderr) => resolve({ stdout, stderr }));
  });
  const loaded = /\nLOADED (.*)\n/.exec(result.stderr)?.[1];
  if (!loaded) throw new Error(`no report from the judge: ${result.stderr}`);
  return { loaded: JSON.parse(loaded) as string[], stdout: result.stdout };
}

describe('modules the judge loads to ask the engine', () => {
  it('a unix socket: none of tls, https, child_process', async () => {
    engine = await startFakeEngine('ok');
    const { loaded, stdout } = await judged(engine.endpoint);
    expect(engine.requests.some((r) => r.startsWith('/volumes'))).toBe(true);
    expect(JSON.parse(stdout)).toMatchObject({ volumes: [{ name: 'proj_data', exists: true }] });
    expect(loaded).toEqual([]);
  });

  it('tcp:// with TLS loads tls; ssh:// loads child_process', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cg-modules-ssh-'));
    writeFileSync(path.join(dir, 'ssh'), '#!/bin/sh\nexit 255\n');
    chmodSync(path.join(dir, 'ssh'), 0o755);
    expect((await judged('tcp://127.0.0.1:1', { DOCKER_TLS: '1' })).loaded).toEqual(['tls']);
    expect((await judged('ssh://ops@127.0.0.1', { PATH: `${dir}:${process.env.PATH ?? ''}` })).loaded).toEqual(['child_process']);
  });
});
