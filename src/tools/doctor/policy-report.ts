// The policy part of doctor: the files in effect, the daemon addressed now, the tags and what
// `down -v` would get here now. A broken policy file is a problem (every destroying command stops).
import type { CliIo } from '../../cli/io.js';
import { resolveTarget } from '../../daemon/target.js';
import { loadPolicy, realPolicyFs } from '../../policy/policy.js';
import { environmentTags, strictestOutcome } from '../../policy/tags.js';
import type { Fixer } from './reach.js';
import type { Problem } from '../doctor.js';

export const HOST_POLICY = '/etc/compose-guard/policy.yaml';

export interface PolicyReport {
  policyFiles: Array<{ path: string; source: string; environment?: string }>;
  policyErrors: string[];
  daemon: { context: string; endpoint?: string; source: string };
  tags: Array<{ tag: string; from: string }>;
  /** What `docker compose down -v` on a project with named volumes would get here now. */
  downV: string;
  notes: string[];
}

const OUTCOME: Record<string, string> = {
  block: 'stopped (77)',
  allow: 'goes ahead',
  confirm: 'asks at a terminal; stopped without one',
  soft: 'asks at a terminal, else goes ahead with a note',
};

export function policyReport(io: CliIo, command: string, fixer: Fixer, problems: Problem[]): PolicyReport {
  const policy = loadPolicy(io.env, realPolicyFs);
  for (const error of policy.errors) {
    problems.push({ problem: `policy: ${error} (every volume-destroying command stops until it is fixed)`, fix: `${command} policy validate`, why: 'shows the file:line:col to correct' });
  }
  const target = resolveTarget({}, io.env, realPolicyFs);
  const tags = environmentTags(policy, io.hostname, target);
  const outcome = strictestOutcome(policy, tags);
  const notes: string[] = [];
  if (policy.files.length === 0 && policy.errors.length === 0) {
    notes.push(`no policy file: this host is untagged; tag it with ${fixer.asRoot(`sh -c "echo 'environment: production' > ${HOST_POLICY}"`)} (or staging, ci, …)`);
  }
  return {
    policyFiles: policy.files.map((f) => ({ path: f.path, source: f.source, ...(f.environment ? { environment: f.environment } : {}) })),
    policyErrors: policy.errors,
    daemon: { context: target.context, ...(target.endpoint ? { endpoint: target.endpoint } : {}), source: target.source },
    tags: tags.map((t) => ({ tag: t.tag, from: t.from })),
    downV: policy.errors.length > 0 ? 'stopped (77): the policy is broken' : (OUTCOME[outcome] ?? outcome),
    notes,
  };
}
