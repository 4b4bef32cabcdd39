// Safe alternatives come from the parsed command: the same compose command without the options
// that destroy volumes, or a listing.
import { describe, expect, it } from 'vitest';
import { analyzeCommand } from '../../src/grammar/analyze.js';
import { safeAlternatives } from '../../src/grammar/alternatives.js';
import type { Tool } from '../../src/grammar/command.js';

function alternatives(tool: Tool, argv: string): string[] {
  const [analysis] = analyzeCommand(tool, argv.split(' '), {}, tool === 'docker-compose' ? 'v1' : 'v2');
  return safeAlternatives(analysis!).map((a) => `${a.command} | ${a.note}`);
}

describe('safeAlternatives', () => {
  it.each([
    ['docker', 'compose down -v', ['docker compose down | keeps the volumes', 'docker compose restart | restarts the services, keeps everything']],
    ['docker', 'compose -p shop down --volumes --remove-orphans', ['docker compose -p shop down --remove-orphans | keeps the volumes', 'docker compose restart | restarts the services, keeps everything']],
    ['docker', 'compose down --volumes=true', ['docker compose down | keeps the volumes', 'docker compose restart | restarts the services, keeps everything']],
    ['docker', 'compose up -d -V', ['docker compose up -d | keeps the volumes', 'docker compose restart | restarts the services, keeps everything']],
    ['docker', 'compose up --yes', ['docker compose up | keeps the volumes', 'docker compose restart | restarts the services, keeps everything']],
    ['docker-compose', 'down -v', ['docker-compose down | keeps the volumes', 'docker-compose restart | restarts the services, keeps everything']],
    ['docker', 'volume rm shop_data', ['docker volume ls | lists the volumes, deletes nothing']],
    ['docker', 'system prune --volumes', ['docker volume ls | lists the volumes, deletes nothing']],
  ] as const)('%s %s', (tool, argv, expected) => {
    expect(alternatives(tool, argv)).toEqual(expected);
  });

  it('quotes words the shell would split', () => {
    expect(alternatives('docker', 'compose -f my\tfile.yml down -v')[0]).toBe("docker compose -f 'my\tfile.yml' down | keeps the volumes");
  });
});
