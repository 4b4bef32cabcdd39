'use strict';
// Starts the bundled judge (judge.cjs beside this file) with V8's code cache, so a judged
// command does not pay to compile the bundle's functions again. The entry requires the commands
// bundle (commands.cjs) only when the grammar alone cannot let a command through; that require
// is served here the same way, from its own cache. install.sh writes the caches by running
// `node judge-loader.cjs --write-code-cache`. A cache from another Node version is rejected by
// V8 and the bundle compiles as usual: the cache can make the judge slower to start, never wrong.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { wrap } = require('node:module');

const writing = process.argv[2] === '--write-code-cache';
/** Bundles required by the entry that are served from a code cache: the id it requires them by. */
const CACHED = new Set(['./commands.cjs']);
const loaded = new Map();

function load(name) {
  const file = path.join(__dirname, name);
  let cachedData;
  try {
    if (!writing) cachedData = fs.readFileSync(`${file}.cache`);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(wrap(fs.readFileSync(file, 'utf8').replace(/^#!.*/, '')), { filename: file, cachedData });
  const module = { exports: {} };
  loaded.set(name, { file, script, module });
  script.runInThisContext()(module.exports, bundleRequire, module, file, __dirname);
  return module.exports;
}

function bundleRequire(id) {
  if (!CACHED.has(id)) return require(id);
  const name = id.slice(2);
  return loaded.get(name)?.module.exports ?? load(name);
}

if (writing) {
  // Run the warm-up so the functions a judged command uses are compiled into the caches.
  process.argv.splice(2, 1, '__warm-up');
  process.once('exit', () => {
    for (const { file, script } of loaded.values()) fs.writeFileSync(`${file}.cache`, script.createCachedData());
  });
}
load('judge.cjs');
