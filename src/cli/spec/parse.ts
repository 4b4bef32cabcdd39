// Parsing a command's arguments from its table entry with node:util parseArgs (strict: an
// unknown option, a missing or bad value is a UsageError naming it).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { HELP_OPTION, type CommandSpec, type OptionSpec, type ParsedArgs } from './types.js';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Told by name, not by class: the router and the commands are built into separate bundles, each
 * with its own copy of this class.
 */
export function isUsageError(error: unknown): error is UsageError {
  return error instanceof Error && error.name === 'UsageError';
}

export function optionName(o: OptionSpec): string {
  return o.short ? `-${o.short}/--${o.long}` : `--${o.long}`;
}

/** Whether the arguments ask for help (before any `--`). */
export function wantsHelp(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

function rephrase(error: unknown): string {
  const e = error as { code?: string; message?: string };
  const message = e.message ?? String(error);
  const quoted = /'(-[^']*?)(?: <value>)?'/.exec(message)?.[1]?.replace(', ', '/');
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${quoted ?? message}`;
  if (/argument missing|ambiguous/.test(message)) return `option ${quoted} needs a value (--NAME=VALUE for a value that starts with -)`;
  if (/does not take an argument/.test(message)) return `option ${quoted} takes no value`;
  return message.split('\n')[0] ?? message;
}

function convert(spec: OptionSpec, raw: string | boolean): string | boolean | number {
  if (spec.kind === 'flag') return raw;
  const text = String(raw);
  if (spec.kind === 'integer') {
    const n = /^[0-9]+$/.test(text) ? Number(text) : Number.NaN;
    const range = `${spec.min ?? 0} to ${spec.max ?? 'any'}`;
    if (!Number.isSafeInteger(n) || (spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
      throw new UsageError(`${optionName(spec)} must be a whole number from ${range} (not "${text}")`);
    }
    return n;
  }
  if (spec.choices && !spec.choices.includes(text)) throw new UsageError(`${optionName(spec)} must be one of ${spec.choices.join(', ')} (not "${text}")`);
  return text;
}

export function parseCommandArgs(spec: CommandSpec, args: readonly string[]): ParsedArgs {
  if (spec.raw) return { values: {}, operands: [], raw: [...args] };
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const o of [...spec.options, HELP_OPTION]) options[o.long] = { type: o.kind === 'flag' ? 'boolean' : 'string', ...(o.short ? { short: o.short } : {}) };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: true, tokens: true });
  } catch (error) {
    throw new UsageError(rephrase(error));
  }
  const terminator = parsed.tokens?.find((t) => t.kind === 'option-terminator');
  const operands = parsed.tokens?.filter((t) => t.kind === 'positional' && (!terminator || t.index < terminator.index)).map((t) => (t as { value: string }).value) ?? [];
  const command = terminator ? args.slice(terminator.index + 1) : undefined;
  const values: ParsedArgs['values'] = {};
  for (const o of spec.options) {
    const raw = parsed.values[o.long];
    if (raw !== undefined) values[o.long] = convert(o, raw as string | boolean);
  }
  checkOperands(spec, operands, command);
  return { values, operands, command, raw: [...args] };
}

function checkOperands(spec: CommandSpec, operands: string[], command: string[] | undefined): void {
  const allowed = spec.operands ?? { name: '', min: 0, max: 0 };
  if (operands.length > allowed.max) {
    const extra = operands[allowed.max] as string;
    throw new UsageError(spec.command ? `unexpected "${extra}": the command line goes after --` : `unexpected argument "${extra}"`);
  }
  if (operands.length < allowed.min) throw new UsageError(`${allowed.name} is required`);
  if (command !== undefined && !spec.command) throw new UsageError('takes no command after --');
  if (spec.command === 'required' && command === undefined) throw new UsageError('the command line goes after --');
}
