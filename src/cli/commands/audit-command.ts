// `compose-guard audit [-n N] [--json]`: the most recent judged commands.
import { fallbackAuditPath, readAudit } from '../audit.js';
import type { CliIo } from '../io.js';
import { EXIT_GO, EXIT_USAGE } from '../exit-codes.js';
import { auditPath, loadPolicy } from '../../policy/policy.js';

export async function auditCommand(io: CliIo, args: string[]): Promise<number> {
  let count = 20;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--json') json = true;
    else if (args[i] === '-n') count = Number(args[++i]);
    else {
      io.stderr('usage: compose-guard audit [-n N] [--json]\n');
      return EXIT_USAGE;
    }
  }
  const configured = auditPath(loadPolicy(io.env));
  const files = [configured, fallbackAuditPath(io.env)].filter((f): f is string => Boolean(f));
  const entries = readAudit(files, Number.isFinite(count) && count > 0 ? count : 20);
  if (json) {
    for (const e of entries) io.stdout(`${JSON.stringify(e)}\n`);
    return EXIT_GO;
  }
  if (entries.length === 0) io.stdout(`no audit entries in ${files.join(' or ')}\n`);
  for (const e of entries) {
    const who = e.sudoUser ? `${e.sudoUser}->${e.user}` : e.user;
    const volumes = e.volumes.length ? ` [${e.volumes.join(', ')}]` : '';
    const override = e.override ? ` allow-once ${e.override.id}: ${e.override.reason}` : '';
    io.stdout(`${e.time} ${e.host} ${who} ${e.decision.toUpperCase()} ${e.argv.join(' ')}${e.project ? ` (project ${e.project.name})` : ''}${volumes}: ${e.reason}${override}\n`);
  }
  return EXIT_GO;
}
