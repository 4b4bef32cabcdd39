// --help text, rendered from the command table (the man page and completions come from the same).
import { EXIT_STATUSES } from '../exit-codes.js';
import { ALL_COMMANDS } from './commands.js';
import { HELP_OPTION, type CommandSpec, type OptionSpec } from './types.js';

export const PROGRAM = 'compose-guard';

export function usageLine(spec: CommandSpec): string {
  return `usage: ${PROGRAM} ${spec.name}${spec.synopsis ? ` ${spec.synopsis}` : ''}`;
}

export function optionLabel(o: OptionSpec): string {
  const value = o.kind === 'flag' ? '' : ` ${o.value ?? 'VALUE'}`;
  return o.short ? `-${o.short}, --${o.long}${value}` : `    --${o.long}${value}`;
}

/** An option's help line, with the values it accepts. */
export function optionHelp(o: OptionSpec): string {
  return o.choices ? `${o.help}: ${o.choices.join(', ')}` : o.help;
}

function columns(rows: Array<[string, string]>, indent = '  '): string[] {
  const width = Math.min(34, Math.max(...rows.map(([left]) => left.length)));
  return rows.map(([left, right]) => (left.length > width ? `${indent}${left}\n${indent}${' '.repeat(width)}  ${right}` : `${indent}${left.padEnd(width)}  ${right}`));
}

/** Words wrapped at `width` columns. */
export function wrap(text: string, width = 80): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line].join('\n');
}

export function commandHelp(spec: CommandSpec): string {
  const lines = [usageLine(spec), '', `${spec.summary.charAt(0).toUpperCase()}${spec.summary.slice(1)}.`];
  if (spec.description) lines.push('', wrap(spec.description));
  lines.push('', 'options:', ...columns([...spec.options, HELP_OPTION].map((o) => [optionLabel(o), optionHelp(o)])));
  return `${lines.join('\n')}\n`;
}

export function visibleCommands(prefix = ''): CommandSpec[] {
  return ALL_COMMANDS.filter((c) => !c.hidden && c.name.startsWith(prefix));
}

export function groupHelp(group: string): string {
  const rows = visibleCommands(`${group} `).map((c): [string, string] => [c.name.slice(group.length + 1), c.summary]);
  return `usage: ${PROGRAM} ${group} <command>\n\ncommands:\n${columns(rows).join('\n')}\n\nRun '${PROGRAM} ${group} COMMAND --help' for more on a command.\n`;
}

export function mainHelp(): string {
  const rows = visibleCommands().map((c): [string, string] => [c.name, c.summary]);
  const exits = columns(EXIT_STATUSES.map((e): [string, string] => [e.status, e.meaning.replace(/`/g, '')]));
  return [
    `usage: ${PROGRAM} <command> [options]`, '',
    'A guard ahead of docker and docker-compose: commands that would destroy volume data are judged by',
    "this host's policy; everything else runs untouched.", '',
    'commands:', ...columns(rows), '',
    'exit statuses:', ...exits, '',
    `Run '${PROGRAM} COMMAND --help' for more on a command; man ${PROGRAM} for everything.`, '',
  ].join('\n');
}
