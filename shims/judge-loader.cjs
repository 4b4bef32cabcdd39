'use strict';
// Starts the bundled judge (judge.cjs beside this file) with V8's code cache, so a judged
// command does not pay to compile the bundle's functions again. install.sh writes the cache by
// running `node judge-loader.cjs --write-code-cache`. A cache from another Node version is
// rejected by V8 and the bundle compiles as usual: the cache can make the judge slower to start
// never wrong.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { wrap } = require('node:module');

const bundle = path.join(__dirname, 'judge.cjs');
const cacheFile = `${bundle}.cache`;
const writing = process.argv[2] === '--write-code-cache';
let cachedData;
try {
  if (!writing) cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(wrap(fs.readFileSync(bundle, 'utf8').replace(/^#!.*/, '')), { filename: bundle, cachedData });
if (writing) {
  // Run the warm-up so the functions a judged command uses are compiled into the cache.
  process.argv.splice(2, 1, '__warm-up');
  process.once('exit', () => fs.writeFileSync(cacheFile, script.createCachedData()));
}
const judge = { exports: {} };
script.runInThisContext()(judge.exports, require, judge, bundle, __dirname);
