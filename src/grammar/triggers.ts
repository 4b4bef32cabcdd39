// The shim's pre-filter, derived from the operation table: the sh `case` lines that decide whether
// a command line may hold a volume-destroying operation (then the judge reads it) or certainly
// does not (then the real program runs at once). scripts/mkshims.mjs writes them into the shims.
import { OPERATIONS, type Reader } from './operations.js';
import { v1Options } from './compose-v1.js';
import type { FlagSpec } from './pflag.js';

export interface Triggers {
  /** Any of these words: judge. */
  words: string[];
  /** One of these words and one of the flag patterns: judge. */
  gatedWords: string[];
  gatedFlags: string[];
  /** Words docker's config.json aliases can turn into another command (docker only). */
  aliasWords: string[];
}

const READERS: Record<'docker' | 'docker-compose', Reader[]> = {
  docker: ['docker', 'compose-v2'],
  'docker-compose': ['compose-v2', 'compose-v1'],
};

const lastWord = (command: string): string => command.split(' ').at(-1) as string;

/** The shortest prefix docopt accepts for `long` among `options` (v1 takes unique prefixes). */
function uniquePrefix(long: string, options: readonly FlagSpec[]): string {
  for (let n = 1; n <= long.length; n++) {
    const prefix = long.slice(0, n);
    if (options.filter((o) => o.long.startsWith(prefix)).length === 1) return prefix;
  }
  return long;
}

function flagPatterns(reader: Reader, command: string, flag: FlagSpec): string[] {
  const out: string[] = [];
  if (flag.short) out.push(`-[!-]*${flag.short}*`, `-${flag.short}*`);
  if (reader === 'compose-v1') {
    out.push(`--${uniquePrefix(flag.long, v1Options(command) ?? [flag])}*`);
  } else {
    for (const long of [flag.long, ...(flag.aliases ?? [])]) out.push(`--${long}`, `--${long}=*`);
  }
  return out;
}

export function shimTriggers(tool: 'docker' | 'docker-compose'): Triggers {
  const words = new Set<string>();
  const gatedWords = new Set<string>();
  const gatedFlags = new Set<string>();
  for (const op of OPERATIONS) {
    for (const reader of READERS[tool]) {
      const at = op.at[reader];
      if (!at) continue;
      for (const command of at.commands) {
        if (op.trigger === 'word' || !at.flag) words.add(lastWord(command));
        else {
          gatedWords.add(lastWord(command));
          for (const p of flagPatterns(reader, command, at.flag)) gatedFlags.add(p);
        }
      }
    }
  }
  const sorted = (s: Set<string>) => [...s].sort();
  return { words: sorted(words), gatedWords: sorted(gatedWords), gatedFlags: sorted(gatedFlags), aliasWords: tool === 'docker' ? ['build', 'builder'] : [] };
}

/** The sh `case` arms for the shim's argument loop. */
export function shimCaseArms(tool: 'docker' | 'docker-compose'): string {
  const t = shimTriggers(tool);
  const arms = [
    `    ${t.words.join(' | ')}) judge=yes; break ;;`,
    `    ${t.gatedWords.join(' | ')}) word=yes ;;`,
    `    ${t.gatedFlags.join(' | ')}) flag=yes ;;`,
  ];
  if (t.aliasWords.length > 0) arms.push(`    ${t.aliasWords.join(' | ')}) aliased=yes ;;`, '    --config | --config=*) config=yes ;;');
  return arms.join('\n');
}
