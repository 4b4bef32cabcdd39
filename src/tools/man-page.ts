// compose-guard(1), rendered in roff from the command table (the same one --help reads) and the
// exit-status table.
import { EXIT_STATUSES } from '../cli/exit-codes.js';
import { optionHelp, optionLabel, PROGRAM, visibleCommands } from '../cli/spec/help.js';
import { HELP_OPTION } from '../cli/spec/types.js';
import { HOST_POLICY, PROJECT_POLICY } from '../policy/policy.js';

/** Text safe in roff: backslashes, dashes and a leading dot or quote escaped. */
export function roff(text: string): string {
  return text.replace(/\\/g, '\\e').replace(/-/g, '\\-').replace(/`/g, '').replace(/^([.'])/gm, '\\&$1');
}

function section(title: string, ...body: string[]): string[] {
  return [`.SH ${title}`, ...body];
}

export function manPage(version: string): string {
  const commands = visibleCommands();
  const lines = [
    `.TH COMPOSE\\-GUARD 1 "" "${PROGRAM} ${version}" "User Commands"`,
    ...section('NAME', `${roff(PROGRAM)} \\- a guard ahead of docker and docker\\-compose that stops commands destroying volume data`),
    ...section('SYNOPSIS', ...commands.flatMap((c) => [`.B ${roff(`${PROGRAM} ${c.name}`)}`, ...(c.synopsis ? [roff(c.synopsis)] : []), '.br'])),
    ...section('DESCRIPTION',
      roff('Shims ahead of docker and docker-compose on PATH read each command line as Docker and Compose do, resolve which volumes it would destroy, and apply the policy of the host: production stops it, staging asks a person, ci resets freely, everything else passes through untouched.')),
    ...section('COMMANDS', ...commands.flatMap((c) => [
      '.TP', `.B ${roff(`${c.name} ${c.synopsis}`.trim())}`, roff(`${c.summary}.${c.description ? ` ${c.description}` : ''}`),
      ...[...c.options, HELP_OPTION].flatMap((o) => ['.RS', '.TP', `.B ${roff(optionLabel(o).trim())}`, roff(optionHelp(o)), '.RE']),
    ])),
    ...section('FILES',
      '.TP', `.I ${roff(HOST_POLICY)}`, roff('the host policy (root): tags, rules that may loosen a default, protect, audit'),
      '.TP', `.I ${roff('${XDG_CONFIG_HOME:-~/.config}/compose-guard/policy.yaml')}`, roff('the user policy: tag and tighten only'),
      '.TP', `.I ${roff(PROJECT_POLICY)}`, roff('in a project directory: tag and tighten only'),
      '.TP', `.I ${roff('${XDG_STATE_HOME:-~/.local/state}/compose-guard/')}`, roff('allow-once permits and the fallback audit log (root: root\'s own home, whatever HOME says)')),
    ...section('ENVIRONMENT',
      '.TP', '.B COMPOSE_GUARD_POLICY', roff('one more policy file (tag and tighten only)'),
      '.TP', '.B COMPOSE_GUARD_REAL_DOCKER, COMPOSE_GUARD_REAL_DOCKER_COMPOSE', roff('the real program, instead of the next one on PATH'),
      '.TP', '.B NO_COLOR, FORCE_COLOR', roff('colour of the stop message')),
    ...section('EXIT STATUS', ...EXIT_STATUSES.flatMap((e) => ['.TP', `.B ${roff(e.status)}`, roff(e.meaning)])),
    ...section('SEE ALSO', '.BR docker (1),', '.BR docker\\-compose (1)'),
  ];
  return `${lines.join('\n')}\n`;
}
