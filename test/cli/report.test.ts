// The report renders a judgement: these tests judge small in-memory projects with the real judge
// and read what a person (stop, confirm, note) and a machine (check --json) would get.
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/daemon/engine.js';
import { judge, type Judgement } from '../../src/judge.js';
import { colorsFor, commandLine, renderConfirm, renderNote, renderStop, toJson } from '../../src/cli/report.js';
import { memoryEngine, labelled } from '../helpers/memory-engine.js';
import { memoryFs } from '../helpers/memory-fs.js';

const COMPOSE = 'services:\n  db:\n    image: postgres\n    volumes: [data:/var/lib/postgresql/data, /scratch]\nvolumes:\n  data: {}\n';
const plain = colorsFor(false);
const ANON = 'a'.repeat(64);

/** The engine has shop_data and one container of the project with an anonymous volume. */
function shopEngine(volumes = [labelled('shop_data', 'shop')]): Engine {
  return {
    volumes: memoryEngine(volumes).volumes,
    containers: async () => [{ Id: 'c1', Names: ['/shop-db-1'], Labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'db' }, Mounts: [{ Type: 'volume', Name: ANON, Destination: '/scratch' }] }],
  };
}

async function judged(argv: string[], policy: string, opts: { interactive?: boolean; engine?: Engine; tool?: 'docker' | 'docker-compose' } = {}): Promise<Judgement> {
  const fs = memoryFs({ '/srv/shop/compose.yaml': COMPOSE, '/p/policy.yaml': policy });
  return judge({
    tool: opts.tool ?? 'docker', argv, env: { HOME: '/home/x', COMPOSE_GUARD_POLICY: '/p/policy.yaml', DOCKER_HOST: 'unix:///run/test.sock' },
    cwd: '/srv/shop', hostname: 'db-1', now: new Date('2026-01-01T00:00:00Z'), interactive: opts.interactive ?? false, fs,
    connect: () => opts.engine, generation: 'v2',
  });
}

describe('commandLine', () => {
  it('quotes the command as a shell would need it', async () => {
    expect(commandLine(await judged(['compose', 'down', '-v'], ''))).toBe('docker compose down -v');
    expect(commandLine(await judged(['volume', 'rm', 'a b'], ''))).toBe("docker volume rm 'a b'");
  });
});

describe('renderStop', () => {
  it('names the volumes, the reasons, the daemon, the alternatives and the way through', async () => {
    const j = await judged(['compose', 'down', '-v'], 'environment: production\n', { engine: shopEngine() });
    expect(renderStop(j, plain).split('\n')).toEqual([
      'compose-guard: stopped docker compose down -v',
      '  It would destroy in project shop:',
      '    shop_data  (key data; used by db; exists)',
      '    1 anonymous volume of the removed containers',
      '  Why:',
      '    tags in effect: "production" (environment in /p/policy.yaml) -> block',
      '  Daemon: default (unix:///run/test.sock), from DOCKER_HOST.',
      '  Safe alternatives:',
      '    docker compose down    keeps the volumes',
      '    docker compose restart    restarts the services, keeps everything',
      '  To proceed deliberately (once, recorded; you type the project name at a terminal):',
      '    compose-guard allow-once --reason "why" -- docker compose down -v',
      '',
    ]);
  });

  it('sends what the host policy holds to root', async () => {
    const j = await judged(['compose', 'down', '-v'], 'environment: production\n', { engine: shopEngine() });
    const held = { ...j, decision: { ...j.decision, hostHold: 'the host policy sets block for "production" (environment in /etc/compose-guard/policy.yaml)' } };
    expect(renderStop(held, plain)).toContain([
      '  To proceed deliberately (once, recorded; the host policy holds this, so root grants it at a terminal):',
      '    sudo compose-guard allow-once --reason "why" -- docker compose down -v',
      '    sudo docker compose down -v',
    ].join('\n'));
  });

  it('marks protected volumes and volumes the engine does not have', async () => {
    const j = await judged(['compose', 'down', '-v'], 'environment: ci\nprotect: ["*_data"]\n', { engine: shopEngine([]) });
    expect(renderStop(j, plain)).toContain('    shop_data  (key data; used by db; not on the engine now; PROTECTED)\n');
  });

  it('sends a broken policy to be fixed, not to allow-once', async () => {
    const text = renderStop(await judged(['compose', 'down', '-v'], 'enviroment: production\n'), plain);
    expect(text).toContain('the policy cannot be used: /p/policy.yaml:1:1');
    expect(text).toContain('To proceed, fix the policy (compose-guard policy validate)');
    expect(text).not.toContain('allow-once');
  });

  it('describes an operation whose volumes it cannot list', async () => {
    const text = renderStop(await judged(['volume', 'prune', '-a'], 'environment: production\n'), plain);
    expect(text).toMatch(/It would destroy .*: volume prune/);
    expect(text).toContain('    docker volume ls --filter dangling=true    lists the volumes no container uses, deletes nothing\n');
  });

  it('colours only when asked', async () => {
    const j = await judged(['compose', 'down', '-v'], 'environment: production\n');
    expect(renderStop(j, plain)).not.toContain('\u001b[');
    expect(renderStop(j, colorsFor(true))).toContain('\u001b[31m');
  });
});

describe('renderConfirm', () => {
  it('asks for the project name after listing what goes', async () => {
    const j = await judged(['compose', 'down', '-v'], 'environment: staging\n', { interactive: true });
    expect(j.decision.verdict).toBe('confirm');
    const text = renderConfirm(j, plain);
    expect(text.split('\n')[0]).toBe('compose-guard: confirm docker compose down -v');
    expect(text).toContain('    shop_data  (key data; used by db)');
    expect(text).toContain('tags in effect: "staging" (environment in /p/policy.yaml) -> confirm at a terminal');
    expect(text.endsWith('Type shop to destroy this data; anything else stops: ')).toBe(true);
  });
});

describe('renderNote', () => {
  it.each([
    [['compose', 'down', '-v'], true, 'compose-guard: this command destroys shop_data and 1 anonymous volume\n'],
    [['volume', 'rm', 'x'], true, 'compose-guard: this command destroys x\n'],
    [['volume', 'prune'], true, 'compose-guard: this command destroys shop_data\n'],
    [['volume', 'prune'], false, 'compose-guard: this command destroys volume prune\n'], // no engine to ask
  ])('%j (engine %s) -> %j', async (argv, engine, line) => {
    expect(renderNote(await judged(argv, 'environment: staging\n', { engine: engine ? shopEngine() : undefined }), plain)).toBe(line);
  });
});

describe('toJson', () => {
  it('carries the decision, the deciding tag and what is destroyed', async () => {
    const json = toJson(await judged(['compose', 'down', '-v'], 'environment: ci\nhosts: {"db-*": production}\n', { engine: shopEngine() }));
    expect(json).toMatchObject({
      tool: 'docker', argv: ['compose', 'down', '-v'], destructive: true, decision: 'block', environment: 'production',
      operations: [{ kind: 'compose-down-volumes', reaches: 'named' }],
      project: { name: 'shop', workingDir: '/srv/shop', mode: 'file' },
      volumes: [{ name: 'shop_data', key: 'data', services: ['db'], exists: true, reason: expect.any(String) }], anonymousVolumes: [ANON],
      policyFiles: [{ path: '/p/policy.yaml', source: 'env' }], policyErrors: [], allowOnce: null,
    });
    expect(Object.keys(json)).toEqual(['tool', 'argv', 'destructive', 'operations', 'decision', 'environment', 'tags', 'policyFiles',
      'policyErrors', 'target', 'project', 'volumes', 'anonymousVolumes', 'protectedVolumes', 'uncertainties', 'notes', 'reasons', 'compose', 'allowOnce']);
  });

  it('reports a harmless command as allowed, with no project', async () => {
    expect(toJson(await judged(['compose', 'down'], 'environment: production\n'))).toMatchObject({ destructive: false, decision: 'allow', environment: 'production', project: null, volumes: [] });
  });
});
