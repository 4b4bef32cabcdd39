// Every volume-destroying operation, declared once: where it sits in each grammar (the command
// and the flag that turns it on), how its volumes are resolved, what to run instead, and what
// makes the shim wake the judge. The grammar, the resolver, the report's safe alternatives and the
// shim's trigger words (scripts/mkshims.mjs) are all derived from this table.
import type { Operation, OperationKind } from './command.js';
import type { FlagSite, FlagSpec } from './pflag.js';

export type Reader = 'docker' | 'compose-v2' | 'compose-v1';

export interface Placement {
  /** Command paths as the tool names them (`volume rm`); the last word is what the shim watches. */
  commands: readonly string[];
  /** The bool flag that turns the operation on; absent when the command itself destroys. */
  flag?: FlagSpec;
}

export type Resolve = 'compose-project' | 'compose-anonymous' | 'volume-names' | 'unused-volumes' | 'container-anonymous';

export interface OperationSpec {
  kind: OperationKind;
  summary: string;
  reaches: 'named' | 'anonymous';
  at: Partial<Record<Reader, Placement>>;
  resolve: Resolve;
  /** The same command without the destroying flags, or another command (after the tool's globals). */
  alternative: { drop: true; says: string } | { instead: readonly string[]; says: string };
  /** `word`: the command word alone wakes the judge; `word-and-flag`: only with the flag (everyday `up`). */
  trigger: 'word' | 'word-and-flag';
}

const bool = (long: string, short?: string, aliases?: string[]): FlagSpec => ({ long, bool: true, ...(short ? { short } : {}), ...(aliases ? { aliases } : {}) });

export const OPERATIONS: readonly OperationSpec[] = [
  {
    kind: 'compose-down-volumes', summary: 'compose down --volumes', reaches: 'named', resolve: 'compose-project', trigger: 'word',
    at: { 'compose-v2': { commands: ['down'], flag: bool('volumes', 'v', ['volume']) }, 'compose-v1': { commands: ['down'], flag: bool('volumes', 'v') } },
    alternative: { drop: true, says: 'keeps the volumes' },
  },
  {
    kind: 'compose-rm-volumes', summary: 'compose rm --volumes', reaches: 'anonymous', resolve: 'compose-anonymous', trigger: 'word',
    // v1 spells it `-v` only; docopt still takes `--v` as a prefix of nothing, so `v` is its long name.
    at: { 'compose-v2': { commands: ['rm'], flag: bool('volumes', 'v') }, 'compose-v1': { commands: ['rm'], flag: bool('v', 'v') } },
    alternative: { drop: true, says: 'removes the containers, keeps their anonymous volumes' },
  },
  {
    kind: 'compose-up-renew-anon-volumes', summary: 'compose up --renew-anon-volumes', reaches: 'anonymous', resolve: 'compose-anonymous', trigger: 'word-and-flag',
    at: { 'compose-v2': { commands: ['up'], flag: bool('renew-anon-volumes', 'V') }, 'compose-v1': { commands: ['up'], flag: bool('renew-anon-volumes', 'V') } },
    alternative: { drop: true, says: 're-creates the containers with their anonymous volumes' },
  },
  {
    // v2.32+: with --yes, a volume whose configuration changed is deleted and re-created (`--y` v2.34+).
    kind: 'compose-up-recreate-volumes', summary: 'compose up/create --yes', reaches: 'named', resolve: 'compose-project', trigger: 'word-and-flag',
    at: { 'compose-v2': { commands: ['up', 'create'], flag: bool('yes', 'y', ['y']) } },
    alternative: { drop: true, says: 'Compose asks before re-creating a changed volume' },
  },
  {
    kind: 'volume-rm', summary: 'volume rm', reaches: 'named', resolve: 'volume-names', trigger: 'word',
    at: { docker: { commands: ['volume rm', 'volume remove'] } },
    alternative: { instead: ['volume', 'ls'], says: 'lists the volumes, deletes nothing' },
  },
  {
    // Before API 1.42 (engine 23) `volume prune` removes named volumes too, so it is always named here.
    kind: 'volume-prune', summary: 'volume prune', reaches: 'named', resolve: 'unused-volumes', trigger: 'word',
    at: { docker: { commands: ['volume prune'] } },
    alternative: { instead: ['volume', 'ls', '--filter', 'dangling=true'], says: 'lists the volumes no container uses, deletes nothing' },
  },
  {
    kind: 'system-prune-volumes', summary: 'system prune --volumes', reaches: 'named', resolve: 'unused-volumes', trigger: 'word',
    at: { docker: { commands: ['system prune'], flag: bool('volumes') } },
    alternative: { drop: true, says: 'prunes the rest, keeps the volumes' },
  },
  {
    kind: 'container-rm-volumes', summary: 'rm --volumes', reaches: 'anonymous', resolve: 'container-anonymous', trigger: 'word',
    at: { docker: { commands: ['rm', 'container rm', 'container remove'], flag: bool('volumes', 'v') } },
    alternative: { drop: true, says: 'removes the containers, keeps their anonymous volumes' },
  },
];

export function operationSpec(kind: OperationKind): OperationSpec {
  return OPERATIONS.find((o) => o.kind === kind) as OperationSpec;
}

/** The destroying flags a command's flag set must hold, for `reader` and `command`. */
export function destroyingFlags(reader: Reader, command: string): FlagSpec[] {
  return OPERATIONS.flatMap((o) => {
    const at = o.at[reader];
    return at?.flag && at.commands.includes(command) ? [at.flag] : [];
  });
}

/** Whether any operation sits at `command` for `reader`. */
export function destroysAt(reader: Reader, command: string): boolean {
  return OPERATIONS.some((o) => o.at[reader]?.commands.includes(command));
}

/** What a parsed command line says about a flag: on or off, and where it was set. */
export interface FlagProbe {
  on(flag: string): boolean;
  sites(flag: string): FlagSite[];
}

/** The operations a parsed `command` performs, in table order. */
export function operationsFound(reader: Reader, command: string, probe: FlagProbe, extra: Partial<Operation> = {}): Operation[] {
  const found: Operation[] = [];
  for (const spec of OPERATIONS) {
    const at = spec.at[reader];
    if (!at?.commands.includes(command)) continue;
    if (at.flag && !probe.on(at.flag.long)) continue;
    const summary = spec.kind === 'compose-up-recreate-volumes' ? `compose ${command} --yes` : spec.summary;
    found.push({ kind: spec.kind, summary, reaches: spec.reaches, sites: at.flag ? probe.sites(at.flag.long) : [], ...extra });
  }
  return found;
}
