// What makes a parsed policy usable together with the others: every tag is a known one (a typo
// must never quietly become an untagged host), and no file outside the host's loosens a rule
// (that would be a silent no-op). Each problem is an error at its file:line:col; the caller
// keeps going with the files, and the errors stop volume-destroying commands.
import { didYouMean } from '../suggest.js';
import type { PolicyFile } from './file.js';
import { baselineFor, BUILTIN_TAGS, HOST_POLICY, stricter, type Outcome, type Policy } from './policy.js';

const OUTCOME_WORDS: Record<Outcome, string> = { allow: 'allow', soft: 'confirm at a terminal, else a note', confirm: 'confirm', block: 'block' };

/** The tags this policy accepts: the built-in ones and those the host file declares under rules. */
export function knownTags(files: readonly PolicyFile[]): string[] {
  const declared = files.filter((f) => f.source === 'host').flatMap((f) => Object.keys(f.rules));
  return [...new Set<string>([...BUILTIN_TAGS, ...declared])];
}

/** Every place a file names a tag: [key in `at`, tag]. */
export function tagUses(file: PolicyFile): Array<[string, string]> {
  const uses: Array<[string, string]> = [];
  if (file.environment) uses.push(['environment', file.environment]);
  for (const [glob, tag] of Object.entries(file.hosts)) uses.push([`hosts.${glob}`, tag]);
  for (const [glob, tag] of Object.entries(file.targets)) uses.push([`targets.${glob}`, tag]);
  if (file.source !== 'host') for (const tag of Object.keys(file.rules)) uses.push([`rules.${tag}`, tag]);
  return uses;
}

function fileProblems(file: PolicyFile, policy: Policy, known: string[]): string[] {
  const where = (key: string): string => file.at[key] ?? file.path;
  const problems: string[] = [];
  for (const [key, tag] of tagUses(file)) {
    if (!known.includes(tag)) {
      problems.push(`${where(key)}: unknown tag "${tag}"${didYouMean(tag, known)}; known tags: ${known.join(', ')} (the host file ${HOST_POLICY} declares more under rules:)`);
    }
  }
  if (file.source === 'host') return problems;
  for (const [tag, rule] of Object.entries(file.rules)) {
    const baseline = baselineFor(policy, tag);
    if (rule && known.includes(tag) && stricter(rule, baseline) !== rule) {
      problems.push(`${where(`rules.${tag}`)}: rules.${tag}: ${rule} would loosen ${tag} (${OUTCOME_WORDS[baseline]}); only the host file ${HOST_POLICY} may loosen a rule, a ${file.source} file can only tighten`);
    }
  }
  if (file.source === 'project' && (file.audit || file.auditSinks.length > 0)) {
    problems.push(`${file.at.audit ?? file.at[`audit.${file.auditSinks[0]}`] ?? file.path}: audit: is set by the host, user or COMPOSE_GUARD_POLICY file, not by a project`);
  }
  return problems;
}

export function validatePolicy(policy: Policy): Policy {
  const known = knownTags(policy.files);
  const errors = [...policy.errors];
  for (const file of policy.files) {
    for (const problem of fileProblems(file, policy, known)) if (!errors.includes(problem)) errors.push(problem);
  }
  return { ...policy, errors };
}
