// Representative work, run once at install time so V8's code cache holds the functions a judged
// command needs: the judgement on built-in samples in memory, and a sandbox (a small project, a
// policy and a stand-in engine on a unix socket, all in a temporary directory) in which the
// entry runs real judged commands end to end: files, engine client, report, audit, verdict.
// Touches no real engine, terminal or file outside the sandbox.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyzeCommand } from '../grammar/analyze.js';
import type { Env } from '../host.js';
import { judge } from '../judge.js';
import type { PolicyFs } from '../policy/policy.js';
import { colorsFor, renderNote, renderStop, toJson } from './report.js';

const COMPOSE = [
  'x-base: &base', '  image: busybox', 'services:', '  db:', '    <<: *base', '    volumes: ["data:/d", "./c:/c", "/anon"]',
  '  cache:', '    <<: *base', '    profiles: [debug]', '    volumes:', '      - {type: volume, source: cache, target: /c}',
  'volumes:', '  data: {name: "${DATA_NAME:-app_data}"}', '  cache: !reset {}', '  ext: {external: true}', '',
].join('\n');
const DOTENV = 'DATA_NAME=warm_data\nexport OTHER="x\\ty" # comment\n';

const FILES: Record<string, string> = {
  '/warm-up/app/compose.yaml': COMPOSE,
  '/warm-up/app/.env': DOTENV,
  '/warm-up/policy.yaml': 'environment: production\n',
};

const memoryFs: PolicyFs = {
  read: (file) => FILES[file],
  isFile: (file) => file in FILES,
  mode: (file) => (file in FILES ? 0o100644 : undefined),
};

export async function warmUp(): Promise<void> {
  const env = { HOME: '/warm-up', COMPOSE_GUARD_POLICY: '/warm-up/policy.yaml', PATH: '' };
  const colors = colorsFor(true);
  for (const argv of [['compose', 'down', '-v'], ['compose', '-p', 'app', 'down', '--volumes'], ['volume', 'rm', 'x']]) {
    const j = await judge({ tool: 'docker', argv, env, cwd: '/warm-up/app', fs: memoryFs, connect: () => undefined, hostname: 'warm-up', now: new Date(0), interactive: false });
    renderStop(j, colors);
    renderNote(j, colors);
    JSON.stringify(toJson(j));
  }
  analyzeCommand('docker-compose', ['--project-n', 'x', 'down', '--vol'], env, 'unknown');
}

export interface WarmUpSandbox {
  env: Env;
  /** The sample project's directory. */
  cwd: string;
  close(): Promise<void>;
}

/** What the stand-in engine answers, by route: one volume of the project, one container with an anonymous volume. */
function engineReply(route: string): unknown {
  const labels = { 'com.docker.compose.project': 'app', 'com.docker.compose.service': 'db' };
  if (route.startsWith('/volumes')) return { Volumes: [{ Name: 'warm_data', Labels: labels }], Warnings: null };
  if (route.startsWith('/containers/json')) {
    return [{ Id: 'c0', Names: ['/app-db-1'], Labels: labels, Mounts: [{ Type: 'volume', Name: 'a'.repeat(64), Destination: '/anon' }] }];
  }
  return {};
}

export async function warmUpSandbox(): Promise<WarmUpSandbox> {
  const dir = mkdtempSync(path.join(tmpdir(), 'compose-guard-warm-up-'));
  const cwd = path.join(dir, 'app');
  mkdirSync(cwd);
  writeFileSync(path.join(cwd, 'compose.yaml'), COMPOSE);
  writeFileSync(path.join(cwd, '.env'), DOTENV);
  writeFileSync(path.join(dir, 'policy.yaml'), 'environment: production\n', { mode: 0o644 });
  const socket = path.join(dir, 'engine.sock');
  const { createServer } = process.getBuiltinModule('node:net');
  const server = createServer((connection) => {
    connection.once('data', (request) => {
      const route = /^GET (\S+)/.exec(request.toString('latin1'))?.[1] ?? '/';
      const body = JSON.stringify(engineReply(route));
      connection.end(`HTTP/1.0 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    });
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(socket, resolve));
  return {
    env: { HOME: dir, COMPOSE_GUARD_POLICY: path.join(dir, 'policy.yaml'), PATH: '', DOCKER_HOST: `unix://${socket}`, COMPOSE_GUARD_VERDICT: 'warm-up' },
    cwd,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
