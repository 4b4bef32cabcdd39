// The commands bundle: everything a command needs once the grammar alone cannot let it through
// (policy, resolver, YAML, engine client, decision, report, audit, permits). The judge's entry
// bundle loads it only then, so a harmless judged command never pays to read or start it.
export { allowOnceCommand } from './allow-once.js';
export { auditCommand } from './audit-command.js';
export { checkCommand } from './check.js';
export { policyShowCommand } from './policy-show.js';
export { policyValidateCommand } from './policy-validate.js';
export { shimCommand } from './shim.js';
export { warmUp, warmUpSandbox } from '../warm-up.js';
