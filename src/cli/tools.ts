// Loads the tools bundle on demand. Built, this import becomes `require('./tools.cjs')` beside the
// judge's bundle (scripts/build.mjs); from source it is an ordinary module import.
export type Tools = typeof import('../tools/index.js');

export function loadTools(): Promise<Tools> {
  return import('../tools/index.js');
}
