// A token parser that behaves like spf13/pflag v1.0.5, the flag library behind the docker CLI
// and Compose v2. Exactness matters: `down -tv` is a rejected command, `down -vt 5` deletes.

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

export interface FlagAssignment {
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
}

const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const GO_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);
// strconv.ParseInt(s, 0, 64): decimal, 0x, 0o/0, 0b, optional sign.
const GO_INT = /^[+-]?(?:0|[1-9][0-9]*|0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+)$/;

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

interface Cursor {
  args: string[];
  result: PflagResult;
  flags: FlagSet;
}

function assign(cursor: Cursor, spec: FlagSpec, value: string, shown: string): boolean {
  if (spec.bool && parseGoBool(value) === undefined) {
    cursor.result.error = `invalid argument "${value}" for "${shown}" flag: invalid syntax`;
    return false;
  }
  if (spec.int && !GO_INT.test(value)) {
    cursor.result.error = `invalid argument "${value}" for "${shown}" flag: invalid syntax`;
    return false;
  }
  if (spec.long === 'help' && parseGoBool(value) === true) cursor.result.help = true;
  cursor.result.assignments.push({ flag: spec.long, value });
  return true;
}

function parseLong(cursor: Cursor, token: string): boolean {
  const body = token.slice(2);
  if (body.startsWith('-') || body.startsWith('=')) {
    cursor.result.error = `bad flag syntax: ${token}`;
    return false;
  }
  const eq = body.indexOf('=');
  const name = eq < 0 ? body : body.slice(0, eq);
  const spec = findLong(cursor.flags, name);
  if (!spec) {
    if (name === 'help') {
      cursor.result.help = true;
      return true;
    }
    cursor.result.error = `unknown flag: --${name}`;
    cursor.result.unknownFlag = `--${name}`;
    return false;
  }
  if (eq >= 0) return assign(cursor, spec, body.slice(eq + 1), `--${name}`);
  if (spec.bool) return assign(cursor, spec, 'true', `--${name}`);
  const next = cursor.args.shift();
  if (next === undefined) {
    cursor.result.error = `flag needs an argument: --${name}`;
    return false;
  }
  return assign(cursor, spec, next, `--${name}`);
}

function parseShortCluster(cursor: Cursor, token: string): boolean {
  let shorts = token.slice(1);
  while (shorts.length > 0) {
    const letter = shorts[0] as string;
    const spec = findShort(cursor.flags, letter);
    if (!spec) {
      if (letter === 'h') {
        cursor.result.help = true;
        shorts = shorts.slice(1);
        continue;
      }
      cursor.result.error = `unknown shorthand flag: '${letter}' in -${shorts}`;
      cursor.result.unknownFlag = `-${letter}`;
      return false;
    }
    let value: string;
    if (shorts.length > 2 && shorts[1] === '=') {
      value = shorts.slice(2);
      shorts = '';
    } else if (spec.bool) {
      value = 'true';
      shorts = shorts.slice(1);
    } else if (shorts.length > 1) {
      value = shorts.slice(1);
      shorts = '';
    } else {
      const next = cursor.args.shift();
      if (next === undefined) {
        cursor.result.error = `flag needs an argument: '${letter}' in -${letter}`;
        return false;
      }
      value = next;
      shorts = '';
    }
    if (!assign(cursor, spec, value, `-${letter}, --${spec.long}`)) return false;
  }
  return true;
}

/**
 * Parses `args` against `flags`. With `interspersed` off, parsing stops at the first positional
 * (the docker root and Compose v1 behave so); with it on, flags and positionals mix.
 */
export function parsePflag(flags: FlagSet, args: readonly string[], interspersed: boolean): PflagResult {
  const result: PflagResult = { assignments: [], positionals: [], afterDashDash: [], help: false };
  const cursor: Cursor = { args: [...args], result, flags };
  while (cursor.args.length > 0) {
    const token = cursor.args.shift() as string;
    if (token.length < 2 || !token.startsWith('-')) {
      result.positionals.push(token);
      if (!interspersed) {
        result.positionals.push(...cursor.args);
        break;
      }
      continue;
    }
    if (token === '--') {
      result.afterDashDash.push(...cursor.args);
      result.positionals.push(...cursor.args);
      break;
    }
    const ok = token.startsWith('--') ? parseLong(cursor, token) : parseShortCluster(cursor, token);
    if (!ok) return result;
  }
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
