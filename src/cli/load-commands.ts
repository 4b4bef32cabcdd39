// Loads the commands bundle on demand. Built, this import becomes `require('./commands.cjs')`
// beside the entry bundle (scripts/build.mjs); from source it is an ordinary module import.
export type Commands = typeof import('./commands/index.js');

export function loadCommands(): Promise<Commands> {
  return import('./commands/index.js');
}
