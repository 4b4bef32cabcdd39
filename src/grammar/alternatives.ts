// Safe alternatives, made from the parsed command line: the same command without exactly the
// flags that destroy (a letter out of a cluster, `-vt 5` becomes `-t 5`), keeping every other
// token (-p, -f, --context …), or the table's other command after the same global flags. Each
// is read again and offered only if it destroys nothing.
import type { CommandAnalysis } from './command.js';
import { analyzeCommand } from './analyze.js';
import { operationSpec } from './operations.js';
import type { FlagSite } from './pflag.js';

export interface Alternative {
  /** The whole command line, quoted for a POSIX shell. */
  command: string;
  note: string;
}

/** argv without the given flag sites; undefined when a site was not typed (an alias, a rewrite). */
export function dropSites(argv: readonly string[], sites: readonly FlagSite[]): string[] | undefined {
  if (sites.some((s) => s.at < 0 || s.at >= argv.length)) return undefined;
  const out: Array<string | undefined> = [...argv];
  const byToken = new Map<number, FlagSite[]>();
  for (const s of sites) byToken.set(s.at, [...(byToken.get(s.at) ?? []), s]);
  for (const [at, group] of byToken) {
    if (group.some((s) => !s.span)) {
      out[at] = undefined;
      continue;
    }
    let token = argv[at] as string;
    for (const s of [...group].sort((a, b) => (b.span?.[0] ?? 0) - (a.span?.[0] ?? 0))) {
      const [from, to] = s.span as readonly [number, number];
      token = token.slice(0, from) + token.slice(to);
    }
    out[at] = token === '-' ? undefined : token;
  }
  return out.filter((t): t is string => t !== undefined);
}

/** POSIX shell quoting that leaves plain words (`tcp://h:2375`, `dangling=true`) as typed. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

const quote = (argv: readonly string[]): string => argv.map(shellWord).join(' ');

/** Reads a command line again as its own grammar would (no environment, no aliases). */
function rereads(analysis: CommandAnalysis): (argv: string[]) => boolean {
  const generation = analysis.compose?.generation ?? 'v2';
  return (argv) => analyzeCommand(analysis.tool, argv, {}, generation).some((a) => a.operations.length > 0);
}

/**
 * The alternatives for a destroying command. `destroys` reads a command line (the tool's argv)
 * again, every way the judge reads it, and says whether it still destroys.
 */
export function safeAlternatives(analysis: CommandAnalysis, destroys: (argv: string[]) => boolean = rereads(analysis)): Alternative[] {
  const { tool, argv, operations } = analysis;
  const found: Alternative[] = [];
  const offer = (args: string[] | undefined, note: string): void => {
    const command = args && quote([tool, ...args]);
    if (!args || !command || destroys(args) || found.some((f) => f.command === command)) return;
    found.push({ command, note });
  };
  const dropping = operations.filter((op) => 'drop' in operationSpec(op.kind).alternative);
  if (dropping.length > 0 && dropping.every((op) => (op.sites ?? []).length > 0)) {
    const says = [...new Set(dropping.map((op) => operationSpec(op.kind).alternative.says))].join('; ');
    offer(dropSites(argv, dropping.flatMap((op) => op.sites ?? [])), says);
  }
  for (const op of operations) {
    const alt = operationSpec(op.kind).alternative;
    if ('instead' in alt && analysis.commandAt !== undefined) offer([...argv.slice(0, analysis.commandAt), ...alt.instead], alt.says);
  }
  const at = analysis.compose?.subcommandAt;
  if (at !== undefined && analysis.compose?.subcommand === 'down') offer([...argv.slice(0, at), 'restart'], 'restarts the services, keeps everything');
  if (found.length === 0) found.push({ command: 'docker volume ls', note: 'lists the volumes, deletes nothing' });
  return found;
}
