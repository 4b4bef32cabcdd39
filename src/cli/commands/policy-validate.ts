// `compose-guard policy validate [FILE]`: checks a policy file (or every one that applies here)
// without using it.
import path from 'node:path';
import type { CliIo } from '../io.js';
import { EXIT_GO } from '../exit-codes.js';
import { policyPaths, PROJECT_POLICY, readPolicyFile, realPolicyFs } from '../../policy/policy.js';

export async function policyValidateCommand(io: CliIo, args: string[]): Promise<number> {
  const targets = args.length > 0
    ? args.map((f) => ({ path: path.resolve(io.cwd, f), source: 'env' as const }))
    : [...policyPaths(io.env), { path: path.join(io.cwd, PROJECT_POLICY), source: 'project' as const }];
  let problems = 0;
  let seen = 0;
  for (const { path: file, source } of targets) {
    const result = readPolicyFile(file, source, realPolicyFs);
    if (result === undefined) {
      if (args.length > 0) {
        io.stderr(`${file}: no such file\n`);
        problems++;
      }
      continue;
    }
    seen++;
    if ('error' in result) {
      io.stderr(`${result.error}\n`);
      problems++;
    } else {
      io.stdout(`${file}: ok (${source}${result.environment ? `, environment ${result.environment}` : ''})\n`);
    }
  }
  if (seen === 0 && args.length === 0) io.stdout('no policy file applies here\n');
  return problems > 0 ? 1 : EXIT_GO;
}
