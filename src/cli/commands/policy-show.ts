// `compose-guard policy show [--json]`: the effective policy for this host and this directory,
// each value with the file:line it came from, and what each tag gets.
import path from 'node:path';
import type { CliIo } from '../io.js';
import { EXIT_GO, EXIT_PROBLEM } from '../exit-codes.js';
import { resolveTarget } from '../../daemon/target.js';
import { realFs } from '../../host.js';
import { discoverFiles } from '../../project/files.js';
import { explainPolicy, type PolicyExplained } from '../../policy/explain.js';
import { loadPolicy, PROJECT_POLICY, withProjectPolicy, type Outcome } from '../../policy/policy.js';
import type { ParsedArgs } from '../spec/types.js';

const WORDS: Record<Outcome, string> = { block: 'block', confirm: 'confirm (stops without a terminal)', soft: 'confirm at a terminal, else go ahead with a note', allow: 'allow' };

export function renderPolicy(p: PolicyExplained): string {
  const lines = [`host ${p.host}, daemon ${p.target.context}${p.target.endpoint ? ` (${p.target.endpoint})` : ''} from ${p.target.source}`];
  lines.push('files:', ...(p.files.length ? p.files.map((f) => `  ${f.path} (${f.source})`) : ['  none: this host is untagged']));
  lines.push('tags in effect here:', ...(p.tagsHere.length ? p.tagsHere.map((t) => `  ${t.tag}  from ${t.at ?? t.from}${t.from.includes('matches') ? ` (${t.from.replace(/ in .* matches /, ' matches ')})` : ''}`) : ['  none']));
  lines.push(`  -> a volume-destroying command here: ${p.errors.length ? 'block (the policy has errors)' : WORDS[p.outcomeHere]}`);
  lines.push('what each tag gets:', ...p.rules.map((r) => `  ${r.tag.padEnd(12)} ${WORDS[r.outcome]}  [${[r.from, ...r.tightenedBy.map((t) => `tightened at ${t}`)].join('; ')}]`));
  if (p.hosts.length) lines.push('hosts:', ...p.hosts.map((h) => `  "${h.glob}" -> ${h.tag}  [${h.at}]`));
  if (p.targets.length) lines.push('targets:', ...p.targets.map((t) => `  "${t.glob}" -> ${t.tag}  [${t.at}]`));
  if (p.protect.length) lines.push('protect:', ...p.protect.map((g) => `  "${g.glob}"  [${g.at}]`));
  lines.push('audit:', `  ${p.audit.file ? `${p.audit.file.path}  [${p.audit.file.at}]` : 'the state folder of the user (no audit: file set)'}`, ...p.audit.sinks.map((s) => `  ${s.sink}  [${s.at}]`));
  if (p.errors.length) lines.push('errors (volume-destroying commands stop):', ...p.errors.map((e) => `  ${e}`));
  return `${lines.join('\n')}\n`;
}

/** The project this directory belongs to, as Compose finds it (its files, searched upward). */
export function projectDirOf(cwd: string): string {
  let files: string[] | undefined;
  try {
    files = discoverFiles(cwd, 'v2', realFs);
  } catch {
    files = undefined;
  }
  return files?.[0] ? path.dirname(files[0]) : cwd;
}

export async function policyShowCommand(io: CliIo, args: ParsedArgs): Promise<number> {
  const projectDir = projectDirOf(io.cwd);
  const policy = withProjectPolicy(loadPolicy(io.env), projectDir);
  const explained = explainPolicy(policy, io.hostname, resolveTarget({}, io.env, realFs));
  if (args.values.json) io.stdout(`${JSON.stringify({ ...explained, projectFile: path.join(projectDir, PROJECT_POLICY) }, null, 2)}\n`);
  else io.stdout(renderPolicy(explained));
  return explained.errors.length > 0 ? EXIT_PROBLEM : EXIT_GO;
}
