// bash and zsh completion for compose-guard, rendered from the command table.
import { PROGRAM, visibleCommands } from '../cli/spec/help.js';
import { groups } from '../cli/spec/commands.js';
import { HELP_OPTION, type CommandSpec } from '../cli/spec/types.js';

function flags(c: CommandSpec): string[] {
  return [...c.options, HELP_OPTION].flatMap((o) => [`--${o.long}`, ...(o.short ? [`-${o.short}`] : [])]);
}

function topWords(): string[] {
  return [...new Set(visibleCommands().map((c) => c.name.split(' ')[0] as string))];
}

export function bashCompletion(): string {
  const cases = visibleCommands().map((c) => {
    const files = 'operands' in c && c.operands?.files ? ' -f' : '';
    return `    "${c.name}") COMPREPLY=($(compgen${files} -W "${flags(c).join(' ')}" -- "$cur")) ;;`;
  });
  const groupCases = groups().map((g) => `    "${g}") COMPREPLY=($(compgen -W "${visibleCommands(`${g} `).map((c) => c.name.split(' ')[1]).join(' ')}" -- "$cur")) ;;`);
  return `# bash completion for ${PROGRAM} (generated from its command table)
_compose_guard() {
  local cur=\${COMP_WORDS[COMP_CWORD]} i
  for ((i = 1; i < COMP_CWORD; i++)); do [ "\${COMP_WORDS[i]}" = "--" ] && return 0; done
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${topWords().join(' ')} --help --version" -- "$cur"))
    return 0
  fi
  local cmd=\${COMP_WORDS[1]}
  if [ "$COMP_CWORD" -eq 2 ]; then
    case $cmd in
${groupCases.join('\n')}
    esac
    [ \${#COMPREPLY[@]} -gt 0 ] && return 0
  fi
  case " ${groups().join(' ')} " in *" $cmd "*) cmd="$cmd \${COMP_WORDS[2]}" ;; esac
  case $cmd in
${cases.join('\n')}
  esac
}
complete -o default -F _compose_guard ${PROGRAM}
`;
}

function zshQuote(text: string): string {
  return text.replace(/'/g, "'\\''").replace(/:/g, '\\:').replace(/\[/g, '\\[').replace(/\]/g, '\\]');
}

export function zshCompletion(): string {
  const top = topWords().map((w) => {
    const c = visibleCommands().find((s) => s.name === w || s.name.startsWith(`${w} `)) as CommandSpec;
    return `    '${w}:${zshQuote(c.name === w ? c.summary : `${w} commands`)}'`;
  });
  const perCommand = visibleCommands().map((c) => {
    const specs = [...c.options, { long: 'help', short: 'h', help: 'show this help', kind: 'flag' as const }].map((o) =>
      `'${o.short ? `(-${o.short} --${o.long})'{-${o.short},--${o.long}}'` : `--${o.long}`}[${zshQuote(o.help)}]${o.kind === 'flag' ? '' : `:${(o.value ?? 'value').toLowerCase()}:`}'`);
    const files = 'operands' in c && c.operands?.files ? " '*:file:_files'" : '';
    return `    (${c.name.replace(' ', '-')}) _arguments -s ${specs.join(' ')}${files} ;;`;
  });
  const groupCases = groups().map((g) => `      (${g}) _values 'command' ${visibleCommands(`${g} `).map((c) => `'${c.name.split(' ')[1]}[${zshQuote(c.summary)}]'`).join(' ')}; return ;;`);
  return `#compdef ${PROGRAM}
# zsh completion for ${PROGRAM} (generated from its command table)
_compose_guard() {
  local -a commands
  commands=(
${top.join('\n')}
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  local cmd=$words[2]
  if (( CURRENT == 3 )); then
    case $cmd in
${groupCases.join('\n')}
    esac
  fi
  case " ${groups().join(' ')} " in (*" $cmd "*) cmd="$cmd-$words[3]"; shift words; (( CURRENT-- )) ;; esac
  shift words; (( CURRENT-- ))
  case $cmd in
${perCommand.join('\n')}
  esac
}
_compose_guard "$@"
`;
}
