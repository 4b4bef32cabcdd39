// Arrangements that include the quirks the real tools accept: `-test.…` tokens anywhere flags are
// read, Go int literals with underscores, --help=false / -h=0, the standalone and wrapper readings.
// Whatever surrounds it, a destroying command stays judged and its safe alternatives do not destroy.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeCommand } from '../../src/grammar/analyze.js';
import { needsJudgement } from '../../src/grammar/command.js';
import { safeAlternatives } from '../../src/grammar/alternatives.js';
import { parseGoInt } from '../../src/grammar/go-int.js';

const word = fc.stringMatching(/^[a-z][a-z0-9_.]{0,6}$/);
const goTest = word.map((w) => [`-test.${w}`]);
const notHelp = fc.constantFrom<Part>(['--help=false'], ['--help=0'], ['-h=0'], ['-h=false'], ['--help=F']);
const digits = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 4 }).map((d) => d.join(''));
/** A Go int literal: decimal or 0x, underscores only between digits. */
const goInt = fc.tuple(fc.constantFrom('', '0x', '0X', '0x_'), fc.array(digits, { minLength: 1, maxLength: 3 }))
  .map(([prefix, groups]) => `${prefix}${prefix === '' ? String(Number(groups[0]) || 1) : groups[0]}${groups.slice(1).map((g) => `_${g}`).join('')}`);

const dockerGlobal = fc.oneof(word.map((w) => ['--context', w]), word.map((w) => [`-c${w}`]), fc.constantFrom(['-D'], ['--debug=true'], ['-l', 'info'], ['--tls']), goTest, notHelp);
const composeGlobal = fc.oneof(word.map((w) => ['-p', w]), word.map((w) => [`--file=${w}.yml`]), goInt.map((n) => ['--parallel', n]), fc.constantFrom(['--ansi', 'never'], ['--compatibility'], ['-v']), goTest, notHelp);
const downOther = fc.oneof(goInt.map((n) => ['-t', n]), goInt.map((n) => [`--timeout=${n}`]), fc.constantFrom(['--remove-orphans'], ['app']), goTest, notHelp);
const volumeFlag = fc.constantFrom(['-v'], ['--volumes'], ['--volume'], ['-v=true'], ['--volumes=1'], ['-vtest.x']);

type Part = readonly string[];
const flat = (parts: readonly Part[]): string[] => parts.flat();

function placed(other: readonly Part[], flag: Part, at: number): string[] {
  const parts: Part[] = [...other];
  parts.splice(at % (parts.length + 1), 0, flag);
  return flat(parts);
}

describe('quirk arrangements', () => {
  it('docker [globals] compose [globals] down [options, quirks, the volume flag] is judged, with alternatives that keep the volumes', () => {
    fc.assert(fc.property(fc.array(dockerGlobal, { maxLength: 3 }), fc.array(composeGlobal, { maxLength: 4 }), fc.array(downOther, { maxLength: 4 }), volumeFlag, fc.nat(),
      (dg, cg, other, flag, at) => {
        const argv = [...flat(dg), 'compose', ...flat(cg), 'down', ...placed(other, flag, at)];
        const [a] = analyzeCommand('docker', argv, {}, 'v2');
        expect(a?.operations.map((o) => o.kind)).toEqual(['compose-down-volumes']);
        for (const alt of safeAlternatives(a!)) {
          const words = alt.command.split(' ');
          expect(alt.command).not.toBe(['docker', ...argv].join(' '));
          if (words[0] === 'docker' && !alt.command.includes("'")) expect(analyzeCommand('docker', words.slice(1), {}, 'v2')[0]?.operations).toEqual([]);
        }
      }));
  });

  it('docker-compose of unknown generation judges every destroying v2 standalone or wrapper arrangement', () => {
    fc.assert(fc.property(fc.array(composeGlobal.filter((g) => g[0] !== '-v'), { maxLength: 4 }), fc.array(downOther, { maxLength: 3 }), volumeFlag, fc.nat(), (cg, other, flag, at) => {
      const argv = [...flat(cg), 'down', ...placed(other, flag, at)];
      const v2 = analyzeCommand('docker-compose', argv, {}, 'v2').some(needsJudgement);
      const unknown = analyzeCommand('docker-compose', argv, {}, 'unknown').some(needsJudgement);
      if (v2) expect(unknown).toBe(true);
      expect(analyzeCommand('docker-compose', ['-v', ...argv], {}, 'unknown').some(needsJudgement)).toBe(true);
    }));
  });

  it('docker volume rm with quirks anywhere names the volume', () => {
    fc.assert(fc.property(fc.array(dockerGlobal, { maxLength: 3 }), fc.array(fc.oneof(goTest, notHelp, fc.constantFrom(['-f'], ['--force=true'])), { maxLength: 4 }), word, fc.nat(), (dg, opts, name, at) => {
      const argv = [...flat(dg), 'volume', 'rm', ...placed(opts, [name], at)];
      const [a] = analyzeCommand('docker', argv, {}, 'v2');
      expect(a?.operations.map((o) => [o.kind, o.volumeNames])).toEqual([['volume-rm', [name]]]);
    }));
  });

  it('every Go int literal with underscores is an int, worth its digits', () => {
    fc.assert(fc.property(goInt, (literal) => {
      const clean = literal.replaceAll('_', '');
      expect(parseGoInt(literal)).toBe(BigInt(clean.toLowerCase().startsWith('0x') ? clean : clean.replace(/^0+(?=\d)/, '')));
    }));
  });

  it('a help flag that says true anywhere after the last help=false shows help and destroys nothing', () => {
    fc.assert(fc.property(fc.array(downOther, { maxLength: 3 }), fc.constantFrom(['--help'], ['-h'], ['--help=true'], ['-h=1']), fc.nat(), (other, help, at) => {
      const argv = ['compose', 'down', '-v', ...placed(other.filter((o) => !o[0]?.startsWith('--help') && !o[0]?.startsWith('-h')), help, at)];
      expect(analyzeCommand('docker', argv, {}, 'v2').some(needsJudgement)).toBe(false);
    }));
  });
});
