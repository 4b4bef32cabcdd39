// Any arrangement of valid global options around a destructive command is still caught, and
// look-alikes stay harmless whatever surrounds them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeComposeV1 } from '../../src/grammar/compose-v1.js';
import { analyzeDocker } from '../../src/grammar/docker.js';
import { analyzeCommand } from '../../src/grammar/analyze.js';

const word = fc.stringMatching(/^[a-z][a-z0-9_.]{0,8}$/);

const dockerGlobal = fc.oneof(
  word.map((w) => ['--context', w]),
  word.map((w) => [`--context=${w}`]),
  word.map((w) => ['-c', w]),
  word.map((w) => [`-c${w}`]),
  word.map((w) => ['-H', `tcp://${w}:2375`]),
  word.map((w) => [`--host=unix:///${w}`]),
  word.map((w) => ['--config', `/tmp/${w}`]),
  fc.constantFrom<string[]>(['-D'], ['--debug'], ['--tls'], ['--tlsverify'], ['-l', 'debug'], ['--log-level=info'], ['--tlscacert', '/ca']),
);

const composeGlobal = fc.oneof(
  word.map((w) => ['-f', `${w}.yml`]),
  word.map((w) => [`--file=${w}.yml`]),
  word.map((w) => [`-f${w}.yml`]),
  word.map((w) => ['-p', w]),
  word.map((w) => [`--project-name=${w}`]),
  word.map((w) => ['--project-directory', w]),
  word.map((w) => ['--env-file', `${w}.env`]),
  fc.constantFrom<string[]>('down', 'rm', 'up', 'ps', 'x').map((w) => ['--profile', w]),
  fc.constantFrom<string[]>(['--ansi', 'never'], ['--progress=plain'], ['--parallel', '2'], ['--compatibility'], ['--verbose']),
);

const downVolumes = fc.constantFrom<string[]>(['-v'], ['--volumes'], ['--volume'], ['-v=true'], ['--volumes=1'], ['-vt', '5'], ['-t', '3', '-v']);
const downOther = fc.array(fc.constantFrom<string[]>(['--remove-orphans'], ['--rmi', 'local'], ['-t', '7'], ['app']), { maxLength: 3 });

const flat = (parts: string[][]): string[] => parts.flat();

describe('grammar properties', () => {
  it('docker [globals] compose [globals] down [volume flag, other options in any order] is destructive', () => {
    fc.assert(fc.property(fc.array(dockerGlobal, { maxLength: 4 }), fc.array(composeGlobal, { maxLength: 5 }), downVolumes, downOther, fc.nat(),
      (dg, cg, vol, other, at) => {
        const sub = [...other];
        sub.splice(at % (sub.length + 1), 0, vol);
        const argv = [...flat(dg), 'compose', ...flat(cg), 'down', ...flat(sub)];
        expect(analyzeDocker(argv).operations.map((o) => o.kind)).toEqual(['compose-down-volumes']);
      }));
  });

  it('docker-compose (v2 standalone) with compose globals stays destructive', () => {
    fc.assert(fc.property(fc.array(composeGlobal, { maxLength: 5 }), downVolumes, (cg, vol) => {
      const [reading] = analyzeCommand('docker-compose', [...flat(cg), 'down', ...vol], {}, 'v2');
      expect(reading?.operations.map((o) => o.kind)).toEqual(['compose-down-volumes']);
    }));
  });

  it('docker-compose (v1) with v1 globals stays destructive', () => {
    const v1Global = fc.oneof(composeGlobal.filter((g) => !/^--(ansi|progress|parallel)/.test(g[0] ?? '')), word.map((w) => ['-c', w]), word.map((w) => ['-H', `ssh://${w}`]));
    fc.assert(fc.property(fc.array(v1Global, { maxLength: 5 }), fc.constantFrom<string[]>(['-v'], ['--volumes'], ['--vol'], ['-vt', '5']), (g, vol) => {
      expect(analyzeComposeV1([...flat(g), 'down', ...vol]).operations.map((o) => o.kind)).toEqual(['compose-down-volumes']);
    }));
  });

  it('look-alikes stay harmless under any globals', () => {
    const lookAlike = fc.constantFrom<string[]>(
      ['config', '--volumes'], ['exec', 'svc', 'rm', '-v', 'x'], ['run', '-v', 'a:/b', 'svc', 'cmd'], ['run', 'svc', 'down', '-v'],
      ['down', '-v', '--help'], ['down', '--volumes=false'], ['down', '-tv'], ['down', '--', '-v'], ['down', '-v', '--dry-run'], ['ps'],
    );
    fc.assert(fc.property(fc.array(dockerGlobal, { maxLength: 3 }), fc.array(composeGlobal, { maxLength: 4 }), lookAlike, (dg, cg, tail) => {
      const a = analyzeDocker([...flat(dg), 'compose', ...flat(cg), ...tail]);
      expect(a.operations).toEqual([]);
      expect(a.uncertainties).toEqual([]);
    }));
  });
});
