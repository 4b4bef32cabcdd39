// The judge's side of grants: what it names, and that it never slows or breaks a command.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { shimCommand } from '../../src/cli/commands/shim.js';
import { grantFor, registerGrant } from '../../src/daemon/grant-client.js';
import { startDaemon } from '../../src/daemon/plugin/daemon.js';
import type { Judgement } from '../../src/judge.js';
import { testIo } from '../helpers/cli-io.js';

const ANON = 'e'.repeat(64);
const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

function fakeServer(onLine: (socket: import('node:net').Socket) => void): Promise<string> {
  const socketPath = path.join(mkdtempSync(path.join(tmpdir(), 'cg-grant-')), 'grants.sock');
  const server = createServer((socket) => socket.once('data', () => onLine(socket)));
  servers.push(server);
  return new Promise((resolve) => server.listen(socketPath, () => resolve(socketPath)));
}

const request = { volumes: ['a'], containers: [], prune: false, seconds: 5, argv: ['docker'], user: 'u' };

describe('grantFor', () => {
  it('names the volumes, the anonymous volumes, the containers and the prune of the command', () => {
    const j = {
      analysis: { tool: 'docker', argv: ['rm', '-v', 'web'], operations: [{ kind: 'container-rm-volumes', containers: ['web'] }, { kind: 'volume-prune' }] },
      resolution: { volumes: [{ name: 'huangpu_postgres' }, { name: 'huangpu_postgres' }], anonymousVolumes: [ANON] },
    } as unknown as Judgement;
    expect(grantFor(j, { COMPOSE_GUARD_GRANT_SECONDS: '7' }, 'ops')).toEqual({
      volumes: ['huangpu_postgres', ANON], containers: ['web'], prune: true, seconds: 7, argv: ['docker', 'rm', '-v', 'web'], user: 'ops',
    });
  });
});

describe('registerGrant', () => {
  it('gives up on a daemon that does not answer, at its deadline', async () => {
    const socket = await fakeServer(() => undefined);
    const start = Date.now();
    expect(await registerGrant(request, { COMPOSE_GUARD_GRANT_SOCKET: socket }, 150)).toEqual({ registered: false, why: 'the daemon did not answer within 150 ms' });
    expect(Date.now() - start).toBeLessThan(1000);
  });

  it.each([
    ['garbage\n', 'an unreadable answer'],
    ['{"ok":false,"error":"too many live grants"}\n', 'too many live grants'],
  ])('reports an answer %j as not registered', async (answer, why) => {
    const socket = await fakeServer((s) => s.end(answer));
    expect(await registerGrant(request, { COMPOSE_GUARD_GRANT_SOCKET: socket })).toEqual({ registered: false, why });
  });

  it('reports a daemon that hangs up', async () => {
    const socket = await fakeServer((s) => s.destroy());
    expect((await registerGrant(request, { COMPOSE_GUARD_GRANT_SOCKET: socket })).registered).toBe(false);
  });
});

describe('the shim registers a grant for what it lets through', () => {
  it('on a ci host, for exactly the volumes named', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cg-shim-grant-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      COMPOSE_GUARD_PLUGIN_SOCKET: path.join(dir, 'plugin.sock'),
      COMPOSE_GUARD_GRANT_SOCKET: path.join(dir, 'grants.sock'),
      DOCKER_HOST: `unix://${path.join(dir, 'no-engine.sock')}`,
    };
    writeFileSync(process.env.COMPOSE_GUARD_POLICY as string, 'environment: ci\n');
    const daemon = await startDaemon({ env, hostname: 'ci-1', now: () => new Date(), log: () => undefined, user: { name: 'root', uid: 0, home: dir } });
    try {
      const { io } = testIo({ argv: [], cwd: dir, env });
      expect(await shimCommand(io, ['docker', '/bin/true', '--', 'volume', 'rm', 'scratch_a', 'scratch_b'])).toBe(0);
      expect(daemon.grants.size).toBe(1);
      expect(daemon.grants.take({ volumes: ['scratch_a', 'scratch_b'] })?.user).toBe('tester');
      expect(await shimCommand(io, ['docker', '/bin/true', '--', 'ps'])).toBe(0);
      expect(daemon.grants.size).toBe(0);
    } finally {
      await daemon.close();
    }
  });
});
