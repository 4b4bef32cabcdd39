// The audit line for an API request the plugin judged: the judge's audit format, so
// `compose-guard audit` lists engine requests beside shell commands.
import type { AuditEntry } from '../../cli/audit.js';
import type { DaemonTarget } from '../target.js';
import type { AuthzAnswer } from './authorize.js';

export interface RequestFacts {
  method: string;
  uri: string;
  /** The user dockerd names (TLS client certificate), when there is one. */
  user: string;
}

export function pluginAuditEntry(facts: RequestFacts, answer: AuthzAnswer, ctx: { time: Date; hostname: string; target: DaemonTarget }): AuditEntry | undefined {
  const judged = answer.judged;
  if (!judged) return undefined;
  const anonymous = judged.request.kind === 'container-rm-volumes' ? judged.destruction.volumes : [];
  const grant = judged.grant;
  return {
    time: ctx.time.toISOString(),
    user: facts.user || 'engine-api',
    uid: -1,
    sudoUser: null,
    sshOrigin: null,
    host: ctx.hostname,
    cwd: '/',
    target: ctx.target,
    environment: { tags: judged.tags, policyFiles: judged.policy.files.map((f) => f.path) },
    argv: ['engine-api', facts.method, facts.uri.slice(0, 2048)],
    project: null,
    volumes: judged.destruction.volumes.filter((v) => !anonymous.includes(v)),
    anonymousVolumes: anonymous.length,
    decision: answer.allow ? 'allow' : 'block',
    reason: grant && judged.decision.usesPermit ? 'a grant from the judge covers this request' : (judged.decision.reasons.at(-1) ?? ''),
    override: grant ? { id: `grant-${grant.id}`, reason: `granted by the judge for: ${grant.argv.join(' ')}`, issuedBy: grant.user } : null,
  };
}
