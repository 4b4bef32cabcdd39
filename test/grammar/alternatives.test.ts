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
    ['docker', 'compose -p shop down --volumes --remove-orphans', ['docker compose -p shop down --remove-orphans | keeps the volumes', 'docker compose -p shop restart | restarts the services, keeps everything']],
    ['docker', 'compose down -vt 5', ['docker compose down -t 5 | keeps the volumes', 'docker compose restart | restarts the services, keeps everything']],
    ['docker', '--context prod compose -f a.yml down -t 5 -v --volumes=1', ['docker --context prod compose -f a.yml down -t 5 | keeps the volumes', 'docker --context prod compose -f a.yml restart | restarts the services, keeps everything']],
    ['docker', 'compose -p v down -v', ['docker compose -p v down | keeps the volumes', 'docker compose -p v restart | restarts the services, keeps everything']],
    ['docker', 'rm -fv ctr', ['docker rm -f ctr | removes the containers, keeps their anonymous volumes']],
    ['docker', 'compose rm -fsv', ['docker compose rm -fs | removes the containers, keeps their anonymous volumes']],
    ['docker-compose', 'down --vol -t 3', ['docker-compose down -t 3 | keeps the volumes', 'docker-compose restart | restarts the services, keeps everything']],
    ['docker', 'compose down --volumes=true', ['docker compose down | keeps the volumes', 'docker compose restart | restarts the services, keeps everything']],
    ['docker', 'compose up -d -V', ['docker compose up -d | re-creates the containers with their anonymous volumes']],
    ['docker', 'compose up -dVy', ['docker compose up -d | re-creates the containers with their anonymous volumes; Compose asks before re-creating a changed volume']],
    ['docker', 'compose up --yes', ['docker compose up | Compose asks before re-creating a changed volume']],
    ['docker-compose', 'down -v', ['docker-compose down | keeps the volumes', 'docker-compose restart | restarts the services, keeps everything']],
    ['docker', 'volume rm shop_data', ['docker volume ls | lists the volumes, deletes nothing']],
    ['docker', '-H tcp://h:2375 volume rm shop_data', ['docker -H tcp://h:2375 volume ls | lists the volumes, deletes nothing']],
    ['docker', 'system prune --volumes', ['docker system prune | prunes the rest, keeps the volumes']],
    ['docker', '-c prod volume prune -f', ['docker -c prod volume ls --filter dangling=true | lists the volumes no container uses, deletes nothing']],
  ] as const)('%s %s', (tool, argv, expected) => {
    expect(alternatives(tool, argv)).toEqual(expected);
  });

  it('never offers the command itself (down -vt 5 keeps its timeout, loses only -v)', () => {
    for (const argv of ['compose down -vt 5', 'compose down -v -v=true --volume', 'compose rm -sfv app']) {
      for (const alt of alternatives('docker', argv)) expect(alt.split(' | ')[0]).not.toBe(`docker ${argv}`);
    }
  });

  it('quotes words the shell would split', () => {
    expect(alternatives('docker', 'compose -f my\tfile.yml down -v')[0]).toBe("docker compose -f 'my\tfile.yml' down | keeps the volumes");
  });
});
