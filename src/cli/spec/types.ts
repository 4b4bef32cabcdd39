// The shape of compose-guard's command table: one entry per command drives parsing, --help,
// the man page and shell completion.

export interface OptionSpec {
  /** The long name without dashes, e.g. `json`. */
  long: string;
  /** One letter, e.g. `n` for `-n`. */
  short?: string;
  kind: 'flag' | 'string' | 'integer';
  /** The value's name in help, e.g. `N`, `TEXT`. */
  value?: string;
  help: string;
  /** For `integer`: the accepted range. */
  min?: number;
  max?: number;
  /** For `string`: the only accepted values. */
  choices?: readonly string[];
}

export interface CommandSpec {
  /** The words that name it: `check`, `policy show`. */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** What follows the name in the usage line. */
  synopsis: string;
  /** Paragraphs for --help and the man page. */
  description?: string;
  options: OptionSpec[];
  /** Operands before any `--`; `files: true` completes them as file names. */
  operands?: { name: string; min: number; max: number; files?: boolean };
  /** What may follow `--`: a docker or docker-compose command line. */
  command?: 'required' | 'optional';
  /** Internal commands: not listed, not completed. */
  hidden?: boolean;
  /** The arguments go to the handler untouched (only --help is read). */
  raw?: boolean;
}

export type OptionValue = string | boolean | number | undefined;

export interface ParsedArgs {
  values: Record<string, OptionValue>;
  operands: string[];
  /** The words after `--`, when there was a `--`. */
  command?: string[];
  /** The arguments as given, after the command's name. */
  raw: string[];
}

export const HELP_OPTION: OptionSpec = { long: 'help', short: 'h', kind: 'flag', help: 'show this help' };
