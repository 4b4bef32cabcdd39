// A token parser that behaves like spf13/pflag (v1.0.5 and later), the flag library behind the
// docker CLI and Compose v2, under cobra (which gives every command a bool `-h/--help`).
// Exactness matters: `down -tv` is a rejected command, `down -vt 5` deletes, `-test.v` is skipped.
import { parseGoInt } from './go-int.js';

export interface FlagSpec {
  long: string;
  short?: string;
  /** Bool flags take no separate value token; `--flag=value` must be a Go bool. */
  bool?: boolean;
  /** An integer flag: the value must parse as a Go int (`down -tv` is refused). */
  int?: boolean;
  /** Spellings folded into this flag (Compose maps `down --volume` to `--volumes`). */
  aliases?: readonly string[];
}

export type FlagSet = readonly FlagSpec[];

/** Where on the command line a flag was set: a token, and the letters of a short cluster. */
export interface FlagSite {
  at: number;
  /** Characters [from, to) of the token; the whole token when absent. */
  span?: readonly [number, number];
}

export interface FlagAssignment extends FlagSite {
  flag: string;
  value: string;
}

export interface PflagResult {
  /** Every assignment in argv order; for scalars the last one wins. */
  assignments: FlagAssignment[];
  positionals: string[];
  /** Tokens after a bare `--` (also in `positionals`). */
  afterDashDash: string[];
  help: boolean;
  /** Set when pflag would refuse the command line (the tool then runs nothing). */
  error?: string;
  /** Set when the error is an unknown flag name (as opposed to a bad value or syntax). */
  unknownFlag?: string;
  /** Where the unknown flag sits: index into the parsed args, and its letter in a cluster. */
  unknownAt?: { index: number; letter?: number };
}

const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const GO_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);
const HELP: FlagSpec = { long: 'help', short: 'h', bool: true };

/** strconv.ParseBool; undefined for anything else (`yes`, `on`). */
export function parseGoBool(value: string): boolean | undefined {
  if (GO_TRUE.has(value)) return true;
  if (GO_FALSE.has(value)) return false;
  return undefined;
}

export function findLong(flags: FlagSet, name: string): FlagSpec | undefined {
  return flags.find((f) => f.long === name || f.aliases?.includes(name));
}

export function findShort(flags: FlagSet, letter: string): FlagSpec | undefined {
  return flags.find((f) => f.short === letter);
}

/** cobra's InitDefaultHelpFlag: `--help`, with `-h` unless another flag holds it. */
export function withHelp(flags: FlagSet): FlagSet {
  if (findLong(flags, 'help')) return flags;
  return [...flags, findShort(flags, 'h') ? { long: 'help', bool: true } : HELP];
}

interface Cursor {
  args: readonly string[];
  next: number;
  result: PflagResult;
  flags: FlagSet;
  positions: readonly number[];
}

function assign(cursor: Cursor, spec: FlagSpec, value: string, shown: string, site: FlagSite): boolean {
  const bad = (spec.bool && parseGoBool(value) === undefined) || (spec.int && parseGoInt(value) === undefined);
  if (bad) {
    cursor.result.error = `invalid argument "${value}" for "${shown}" flag: ${spec.int && /^[+-]?[1-9][0-9]*$/.test(value) ? 'value out of range' : 'invalid syntax'}`;
    return false;
  }
  cursor.result.assignments.push({ flag: spec.long, value, ...site });
  return true;
}

function unknown(cursor: Cursor, shown: string, message: string, index: number, letter?: number): false {
  cursor.result.error = message;
  cursor.result.unknownFlag = shown;
  cursor.result.unknownAt = { index, letter };
  return false;
}

function parseLong(cursor: Cursor, token: string, index: number): boolean {
  const body = token.slice(2);
  if (body.startsWith('-') || body.startsWith('=')) {
    cursor.result.error = `bad flag syntax: ${token}`;
    return false;
  }
  const eq = body.indexOf('=');
  const name = eq < 0 ? body : body.slice(0, eq);
  const spec = findLong(cursor.flags, name);
  const site = { at: cursor.positions[index] ?? index };
  if (!spec) return unknown(cursor, `--${name}`, `unknown flag: --${name}`, index);
  if (eq >= 0) return assign(cursor, spec, body.slice(eq + 1), `--${name}`, site);
  if (spec.bool) return assign(cursor, spec, 'true', `--${name}`, site);
  if (cursor.next >= cursor.args.length) {
    cursor.result.error = `flag needs an argument: --${name}`;
    return false;
  }
  return assign(cursor, spec, cursor.args[cursor.next++] as string, `--${name}`, site);
}

function parseShortCluster(cursor: Cursor, token: string, index: number): boolean {
  const at = cursor.positions[index] ?? index;
  for (let k = 1; k < token.length;) {
    const shorts = token.slice(k);
    // pflag skips the rest of the cluster from any point where it reads `test.` (Go test flags).
    if (shorts.startsWith('test.')) return true;
    const letter = shorts[0] as string;
    const spec = findShort(cursor.flags, letter);
    if (!spec) return unknown(cursor, `-${letter}`, `unknown shorthand flag: '${letter}' in -${shorts}`, index, k);
    let value: string;
    let end = token.length;
    if (shorts.length > 2 && shorts[1] === '=') value = shorts.slice(2);
    else if (spec.bool) {
      value = 'true';
      end = k + 1;
    } else if (shorts.length > 1) value = shorts.slice(1);
    else if (cursor.next < cursor.args.length) value = cursor.args[cursor.next++] as string;
    else {
      cursor.result.error = `flag needs an argument: '${letter}' in -${letter}`;
      return false;
    }
    if (!assign(cursor, spec, value, `-${letter}, --${spec.long}`, { at, span: [k, end] })) return false;
    k = end;
  }
  return true;
}

/**
 * Parses `args` against `flags` (plus cobra's help flag). With `interspersed` off, parsing stops
 * at the first positional (the docker root); with it on, flags and positionals mix. `positions`
 * maps each arg to its index on the whole command line (identity by default).
 */
export function parsePflag(flags: FlagSet, args: readonly string[], interspersed: boolean, positions: readonly number[] = args.map((_, i) => i)): PflagResult {
  const result: PflagResult = { assignments: [], positionals: [], afterDashDash: [], help: false };
  const cursor: Cursor = { args, next: 0, result, flags: withHelp(flags), positions };
  while (cursor.next < args.length) {
    const index = cursor.next++;
    const token = args[index] as string;
    if (token.length < 2 || !token.startsWith('-')) {
      result.positionals.push(token);
      if (!interspersed) {
        result.positionals.push(...args.slice(cursor.next));
        break;
      }
      continue;
    }
    if (token === '--') {
      result.afterDashDash.push(...args.slice(cursor.next));
      result.positionals.push(...args.slice(cursor.next));
      break;
    }
    const ok = token.startsWith('--') ? parseLong(cursor, token, index) : parseShortCluster(cursor, token, index);
    if (!ok) return result;
  }
  result.help = isOn(result, 'help');
  return result;
}

/** The effective value of a flag (last assignment wins), or undefined when never given. */
export function lastValue(result: PflagResult, flag: string): string | undefined {
  for (let i = result.assignments.length - 1; i >= 0; i--) {
    const a = result.assignments[i] as FlagAssignment;
    if (a.flag === flag) return a.value;
  }
  return undefined;
}

/** Every value of a repeatable flag, in order. */
export function allValues(result: PflagResult, flag: string): string[] {
  return result.assignments.filter((a) => a.flag === flag).map((a) => a.value);
}

/** A bool flag's effective state (already validated by the parser). */
export function isOn(result: PflagResult, flag: string): boolean {
  const value = lastValue(result, flag);
  return value !== undefined && parseGoBool(value) === true;
}

/** Where every assignment of `flag` sits, for dropping them from a command line. */
export function sitesOf(result: PflagResult, flag: string): FlagSite[] {
  return result.assignments.filter((a) => a.flag === flag).map(({ at, span }) => (span ? { at, span } : { at }));
}
