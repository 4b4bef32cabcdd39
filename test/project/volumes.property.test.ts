// Reordering global options, spelling the same flags differently, and adding unrelated services
// never change which volumes a down -v resolves to.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeCommand } from '../../src/grammar/analyze.js';
import type { ProjectFs } from '../../src/host.js';
import { resolveVolumes } from '../../src/project/volumes.js';

const BASE = `services:
  db:
    image: busybox
    volumes: [pgdata:/var/lib/postgresql/data, /scratch]
  worker:
    image: busybox
    profiles: [jobs]
    volumes: [queue:/q]
  debug:
    image: busybox
    profiles: [debug]
    volumes: [dbg:/d]
volumes:
  pgdata: {name: "\${PG_NAME:-pg_default}"}
  queue:
  dbg:
`;
const OVERRIDE = `services:
  db:
    volumes: [extra:/extra]
volumes:
  extra:
`;

function memoryFs(extraServices: string[]): ProjectFs {
  const files: Record<string, string> = {
    '/w/stack/base.yml': BASE.replace('volumes:\n  pgdata', `${extraServices.join('')}volumes:\n  pgdata`),
    '/w/stack/ovr.yml': OVERRIDE,
    '/w/stack/prod.env': 'PG_NAME=pg_prod\n',
  };
  return { read: (f) => files[f], isFile: (f) => f in files };
}

// Each option with its spellings; `-f` options keep their relative order (it changes merging).
type Option = { file: boolean; spellings: string[][] };
const OPTIONS: Option[] = [
  { file: true, spellings: [['-f', 'base.yml'], ['--file', 'base.yml'], ['--file=base.yml'], ['-fbase.yml'], ['-f=base.yml']] },
  { file: true, spellings: [['-f', 'ovr.yml'], ['--file', 'ovr.yml'], ['--file=ovr.yml'], ['-fovr.yml']] },
  { file: false, spellings: [['-p', 'prodstack'], ['--project-name', 'prodstack'], ['--project-name=prodstack'], ['-pprodstack']] },
  { file: false, spellings: [['--profile', 'jobs'], ['--profile=jobs']] },
  { file: false, spellings: [['--env-file', 'prod.env'], ['--env-file=prod.env']] },
  { file: false, spellings: [['--ansi', 'never'], ['--ansi=never']] },
  { file: false, spellings: [['--progress', 'plain'], ['--progress=plain']] },
];

async function resolve(rootOptions: string[], extraServices: string[] = [], sub: string[] = ['-v']): Promise<string[]> {
  const [analysis] = analyzeCommand('docker', ['compose', ...rootOptions, 'down', ...sub], {}, 'v2');
  const resolution = await resolveVolumes(analysis!, { env: {}, cwd: '/w/stack', fs: memoryFs(extraServices) });
  expect(resolution.uncertainties).toEqual([]);
  return resolution.volumes.map((v) => v.name).sort();
}

const canonical = OPTIONS.flatMap((o) => o.spellings[0] as string[]);
const EXPECTED = ['pg_prod', 'prodstack_extra', 'prodstack_queue'];

const arrangement = fc
  .tuple(...OPTIONS.map((o) => fc.constantFrom(...o.spellings)), fc.shuffledSubarray(OPTIONS.map((_, i) => i), { minLength: OPTIONS.length, maxLength: OPTIONS.length }))
  .map((drawn) => {
    const spellings = drawn.slice(0, OPTIONS.length) as string[][];
    const order = drawn[OPTIONS.length] as number[];
    const fileSlots = order.filter((i) => OPTIONS[i]!.file);
    const fileOrder = [...fileSlots].sort((a, b) => a - b);
    const placed = order.map((i) => (OPTIONS[i]!.file ? fileOrder[fileSlots.indexOf(i)]! : i));
    return placed.flatMap((i) => spellings[i]!);
  });

const unrelatedService = fc.constantFrom(
  '  web:\n    image: nginx\n',
  '  cron:\n    image: busybox\n    volumes: [./scripts:/scripts:ro]\n',
  '  cache:\n    image: redis\n    volumes: [/data]\n',
  '  tmp:\n    image: busybox\n    volumes: [{type: tmpfs, target: /tmp}]\n',
  '  hidden:\n    image: busybox\n    profiles: [never]\n',
);

describe('resolver properties', () => {
  it('the canonical command line resolves to the expected set', async () => {
    expect(await resolve(canonical)).toEqual(EXPECTED);
  });

  it('any order and spelling of the global options resolves to the same set', async () => {
    await fc.assert(fc.asyncProperty(arrangement, async (options) => {
      expect(await resolve(options)).toEqual(EXPECTED);
    }), { numRuns: 150 });
  });

  it('unrelated services never change the set', async () => {
    await fc.assert(fc.asyncProperty(fc.uniqueArray(unrelatedService, { maxLength: 5 }), arrangement, async (services, options) => {
      expect(await resolve(options, services)).toEqual(EXPECTED);
    }), { numRuns: 100 });
  });

  it('the spelling of the volumes flag does not matter', async () => {
    for (const sub of [['-v'], ['--volumes'], ['--volume'], ['-v=true'], ['--volumes=1'], ['-vt', '3'], ['--remove-orphans', '-v']]) {
      expect(await resolve(canonical, [], sub)).toEqual(EXPECTED);
    }
  });
});
