// `compose-guard daemon` runs the authorization plugin until asked to stop: its sockets answer
// while it runs and are gone after; a plugin that cannot start is one line and status 1.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { daemonCommand } from '../../src/tools/daemon-command.js';
import { testIo } from '../helpers/cli-io.js';

const ask = (socketPath: string, route: string) => new Promise<number>((resolve, reject) => {
  const req = request({ socketPath, path: route, method: 'POST' }, (res) => { res.resume(); resolve(res.statusCode ?? 0); });
  req.on('error', reject);
  req.end('{}');
});

describe('daemonCommand', () => {
  it('serves the plugin socket until stopped, then closes it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cg-daemon-'));
    const plugin = path.join(dir, 'plugins/compose-guard.sock');
    let answered = 0;
    const { io, captured } = testIo({
      argv: [], cwd: '/',
      env: { ...process.env, COMPOSE_GUARD_PLUGIN_SOCKET: plugin, COMPOSE_GUARD_GRANT_SOCKET: path.join(dir, 'grants.sock'), DOCKER_HOST: `unix://${dir}/docker.sock` },
      untilStopped: async () => {
        answered = await ask(plugin, '/Plugin.Activate');
        return 'SIGTERM';
      },
    });
    expect(await daemonCommand(io)).toBe(0);
    expect(answered).toBe(200);
    expect(captured.stderr).toContain('compose-guard daemon: stopping (SIGTERM)\n');
    expect(existsSync(plugin)).toBe(false);
  });

  it('says why it cannot start, with status 1', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cg-daemon-'));
    writeFileSync(path.join(dir, 'file'), '');
    const { io, captured } = testIo({
      argv: [], cwd: '/',
      env: { ...process.env, COMPOSE_GUARD_PLUGIN_SOCKET: path.join(dir, 'file/plugin.sock'), COMPOSE_GUARD_GRANT_SOCKET: path.join(dir, 'grants.sock') },
      untilStopped: async () => 'SIGTERM',
    });
    expect(await daemonCommand(io)).toBe(1);
    expect(captured.stderr).toMatch(/^compose-guard daemon: cannot start: .+\n$/);
  });
});
