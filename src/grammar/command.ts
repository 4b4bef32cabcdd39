// What the grammar makes of a command line: which operations would destroy volume data, which
// daemon it addresses, and the compose invocation the resolver needs.

import type { FlagSite } from './pflag.js';

export type Tool = 'docker' | 'docker-compose';

export function isTool(name: string | undefined): name is Tool {
  return name === 'docker' || name === 'docker-compose';
}

/** Which Compose reads the command: v1 (Python 1.x) or v2 (plugin or standalone Go binary). */
export type ComposeGeneration = 'v1' | 'v2';

export type OperationKind =
  | 'compose-down-volumes'
  | 'compose-rm-volumes'
  | 'compose-up-renew-anon-volumes'
  | 'compose-up-recreate-volumes'
  | 'volume-rm'
  | 'volume-prune'
  | 'system-prune-volumes'
  | 'container-rm-volumes';

export interface Operation {
  kind: OperationKind;
  /** How an operator would spell it, e.g. `compose down --volumes`. */
  summary: string;
  /** Whether named volumes can be lost, or only anonymous ones. */
  reaches: 'named' | 'anonymous';
  /** Volume names given on the command line (`docker volume rm a b`). */
  volumeNames?: string[];
  /** Containers given on the command line (`docker rm -v a b`), as typed. */
  containers?: string[];
  /** Where the flags that turn it on sit in argv (empty when the command itself destroys; -1: not typed). */
  sites?: FlagSite[];
}

/** The daemon a command addresses, as far as its argv says. */
export interface TargetFlags {
  context?: string;
  host?: string;
  configDir?: string;
  /** docker's TLS flags, when any is given (--tls, --tlsverify, --tlscacert, --tlscert, --tlskey). */
  tls?: TlsFlags;
  /** Compose v1's TLS options: it reads them, and the environment's TLS settings, by rules of its own. */
  composeV1?: ComposeV1Tls;
}

/** Compose v1's TLS options as given (they count only with -H/--host). */
export interface ComposeV1Tls {
  tls: boolean;
  verify: boolean;
  cacert?: string;
  cert?: string;
  key?: string;
  skipHostnameCheck: boolean;
}

export interface TlsFlags {
  tls?: boolean;
  /** --tlsverify's value; given at all (even =false), it turns TLS on. */
  verify?: boolean;
  cacert?: string;
  cert?: string;
  key?: string;
}

export interface ComposeInvocation {
  generation: ComposeGeneration;
  subcommand: string;
  files: string[];
  projectName?: string;
  projectDirectory?: string;
  envFiles: string[];
  profiles: string[];
  services: string[];
  /** Compose v2.27+ `--all-resources`: declared-but-unused volumes count too. */
  allResources: boolean;
  /** Index of the subcommand word in argv, when the reading kept argv's order up to it. */
  subcommandAt?: number;
}

export interface CommandAnalysis {
  tool: Tool;
  argv: readonly string[];
  operations: Operation[];
  /** Why the grammar cannot prove the command harmless (an unknown option on a destructive command). */
  uncertainties: string[];
  /** Why a look-alike is harmless (dry run, help, a command the tool will refuse). */
  notes: string[];
  target: TargetFlags;
  compose?: ComposeInvocation;
  /** Index in argv of the docker command word (`volume`, `rm`), after the global flags. */
  commandAt?: number;
}

export function emptyAnalysis(tool: Tool, argv: readonly string[], target: TargetFlags = {}): CommandAnalysis {
  return { tool, argv, operations: [], uncertainties: [], notes: [], target };
}

/** Destructive, or not provably harmless: what a protected host must stop. */
export function needsJudgement(analysis: CommandAnalysis): boolean {
  return analysis.operations.length > 0 || analysis.uncertainties.length > 0;
}
