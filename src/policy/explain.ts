// The effective policy spelled out: what each known tag gets and which file:line decided it,
// for `compose-guard policy show`. Pure: takes the loaded policy and the tags in effect.
import type { DaemonTarget } from '../daemon/target.js';
import type { AuditSink } from './file.js';
import { baselineFor, DEFAULTS, outcomeFor, stricter, type Outcome, type Policy } from './policy.js';
import { environmentTags, strictestOutcome, type EnvironmentTag } from './tags.js';
import { knownTags } from './validate.js';

export interface RuleExplained {
  tag: string;
  outcome: Outcome;
  /** `built-in default` or the host file's file:line:col. */
  from: string;
  /** Files that made it stricter. */
  tightenedBy: string[];
}

export interface PolicyExplained {
  host: string;
  target: DaemonTarget;
  files: Array<{ path: string; source: string }>;
  tagsHere: EnvironmentTag[];
  outcomeHere: Outcome;
  rules: RuleExplained[];
  hosts: Array<{ glob: string; tag: string; at: string }>;
  targets: Array<{ glob: string; tag: string; at: string }>;
  protect: Array<{ glob: string; at: string }>;
  audit: { file: { path: string; at: string } | null; sinks: Array<{ sink: AuditSink; at: string }> };
  errors: string[];
}

export function explainRule(policy: Policy, tag: string): RuleExplained {
  const host = policy.files.find((f) => f.source === 'host' && f.rules[tag]);
  const from = host ? `${host.at[`rules.${tag}`] ?? host.path} (host)` : DEFAULTS[tag] ? 'built-in default' : 'built-in default for any other tag';
  const baseline = baselineFor(policy, tag);
  const tightenedBy = policy.files
    .filter((f) => { const rule = f.rules[tag]; return f.source !== 'host' && rule !== undefined && rule !== baseline && stricter(rule, baseline) === rule; })
    .map((f) => `${f.at[`rules.${tag}`] ?? f.path} (${f.source}: ${f.rules[tag]})`);
  return { tag, outcome: outcomeFor(policy, tag), from, tightenedBy };
}

export function explainPolicy(policy: Policy, hostname: string, target: DaemonTarget): PolicyExplained {
  const tagsHere = environmentTags(policy, hostname, target);
  const listed = (key: 'hosts' | 'targets') => policy.files.flatMap((f) => Object.entries(f[key]).map(([glob, tag]) => ({ glob, tag, at: f.at[`${key}.${glob}`] ?? f.path })));
  const auditFile = ['host', 'env', 'user'].map((s) => policy.files.find((f) => f.source === s && f.audit)).find(Boolean);
  return {
    host: hostname,
    target,
    files: policy.files.map((f) => ({ path: f.path, source: f.source })),
    tagsHere,
    outcomeHere: strictestOutcome(policy, tagsHere),
    rules: [...new Set([...knownTags(policy.files), ...tagsHere.map((t) => t.tag)])].map((tag) => explainRule(policy, tag)),
    hosts: listed('hosts'),
    targets: listed('targets'),
    protect: policy.files.flatMap((f) => f.protect.map((glob, i) => ({ glob, at: f.at[`protect.${i}`] ?? f.path }))),
    audit: {
      file: auditFile?.audit ? { path: auditFile.audit, at: auditFile.at.audit ?? auditFile.path } : null,
      sinks: policy.files.flatMap((f) => f.auditSinks.map((sink) => ({ sink, at: f.at[`audit.${sink}`] ?? f.path })))
        .filter((s, i, all) => all.findIndex((o) => o.sink === s.sink) === i),
    },
    errors: policy.errors,
  };
}
