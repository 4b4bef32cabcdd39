// `compose-guard policy validate [FILE…]`: checks policy files (or every one that applies here)
// without using them.
import path from 'node:path';
import type { CliIo } from '../io.js';
import { EXIT_GO, EXIT_PROBLEM } from '../exit-codes.js';
import { HOST_POLICY, loadPolicy, policyPaths, PROJECT_POLICY, readPolicyFile, realPolicyFs, withProjectPolicy } from '../../policy/policy.js';
import type { PolicySource } from '../../policy/file.js';
import { validatePolicy } from '../../policy/validate.js';
import type { ParsedArgs } from '../spec/types.js';
import { projectDirOf } from './policy-show.js';

function validateFiles(io: CliIo, files: string[]): number {
  let problems = 0;
  const hostFiles = loadPolicy(io.env).files.filter((f) => f.source === 'host');
  for (const file of files.map((f) => path.resolve(io.cwd, f))) {
    // Judged where it would be used: its place decides what it may set.
    const source: PolicySource = file === HOST_POLICY ? 'host' : path.basename(file) === PROJECT_POLICY ? 'project'
      : policyPaths(io.env).find((p) => p.path === file)?.source ?? 'env';
    const result = readPolicyFile(file, source, realPolicyFs);
    if (result === undefined) {
      io.stderr(`${file}: no such file\n`);
      problems++;
    } else if ('error' in result) {
      io.stderr(`${result.error}\n`);
      problems++;
    } else {
      const checked = validatePolicy({ files: [...hostFiles.filter((f) => f.path !== file), result], errors: [] });
      const own = checked.errors.filter((e) => e.startsWith(file));
      for (const e of own) io.stderr(`${e}\n`);
      if (own.length > 0) problems++;
      else io.stdout(`${file}: ok (${source}${result.environment ? `, environment ${result.environment}` : ''})\n`);
    }
  }
  return problems > 0 ? EXIT_PROBLEM : EXIT_GO;
}

export async function policyValidateCommand(io: CliIo, args: ParsedArgs): Promise<number> {
  if (args.operands.length > 0) return validateFiles(io, args.operands);
  const policy = withProjectPolicy(loadPolicy(io.env), projectDirOf(io.cwd));
  for (const file of policy.files) io.stdout(`${file.path}: ${policy.errors.some((e) => e.startsWith(file.path)) ? 'has problems' : 'ok'} (${file.source}${file.environment ? `, environment ${file.environment}` : ''})\n`);
  for (const error of policy.errors) io.stderr(`${error}\n`);
  if (policy.files.length === 0 && policy.errors.length === 0) {
    io.stdout(`no policy file applies here (${[...policyPaths(io.env).map((p) => p.path), path.join(projectDirOf(io.cwd), PROJECT_POLICY)].join(', ')})\n`);
  }
  return policy.errors.length > 0 ? EXIT_PROBLEM : EXIT_GO;
}
