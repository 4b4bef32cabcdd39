// The tools bundle: commands that spawn programs, stream data or run for long. The judge's bundle loads it only
// when one of these commands runs (or a snapshot is to be taken before a destroy), so a judged
// command never pays to read it.
export { doctorCommand } from './doctor.js';
export { installCommand } from './install.js';
export { generateCommand } from './generate.js';
export { daemonCommand } from './daemon-command.js';
export { snapshotBeforeDestroy } from './snapshot/run.js';
export { restoreCommand } from './restore.js';
export { snapshotCommand } from './snapshot-command.js';
export { snapshotsCommand } from './snapshots-command.js';
export { statusCommand } from './status.js';
export { verifyCommand } from './verify-command.js';
