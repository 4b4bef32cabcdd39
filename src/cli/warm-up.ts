// Representative work on built-in samples, run once at install time so V8's code cache holds
// the functions a judged command needs. Touches no real file, engine or terminal.
import { analyzeCommand } from '../grammar/analyze.js';
import { judge } from '../judge.js';
import type { PolicyFs } from '../policy/policy.js';
import { colorsFor, renderNote, renderStop, toJson } from './report.js';

const FILES: Record<string, string> = {
  '/warm-up/app/compose.yaml': [
    'x-base: &base', '  image: busybox', 'services:', '  db:', '    <<: *base', '    volumes: ["data:/d", "./c:/c", "/anon"]',
    '  cache:', '    <<: *base', '    profiles: [debug]', '    volumes:', '      - {type: volume, source: cache, target: /c}',
    'volumes:', '  data: {name: "${DATA_NAME:-app_data}"}', '  cache: !reset {}', '  ext: {external: true}', '',
  ].join('\n'),
  '/warm-up/app/.env': 'DATA_NAME=warm_data\nexport OTHER="x\\ty" # comment\n',
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
