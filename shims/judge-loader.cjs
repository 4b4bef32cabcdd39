'use strict';
// Starts the bundled judge (judge.cjs beside this file) with V8's code cache, so a judged
// command does not pay to compile the bundle's functions again. The entry requires the commands
// bundle (commands.cjs) only when the grammar alone cannot let a command through, and the commands
// require a compose-spec validator (compose-spec-<version>.cjs) only when a project is read; the
// commands that are no judgement (snapshots, status, doctor) require the tools bundle (tools.cjs).
// Those requires are served here the same way, each from its own cache. A bundle that cannot be loaded
// (missing, truncated) is the judge's internal error wherever it is required: it stops a judged
// command, it never becomes a doubt the policy might let through. install.sh writes the caches by running
// `node judge-loader.cjs --write-code-cache`. A cache from another Node version is rejected by
// V8 and the bundle compiles as usual: the cache can make the judge slower to start, never wrong.
//
// A judge starts with JUDGE_FLAGS. It lives for a fraction of a second, in which V8's baseline
// compiler (Sparkplug) costs memory and saves no time: without it a stopped `docker compose down -v`
// peaks about 1.3 MiB lower, in the same time. (--jitless saves a little more, but leaves heavy
// input to the interpreter: a policy of 40,000 hosts took 3.4-3.8 s of CPU instead of 1.5.) V8
// takes a code cache only in a process started with the flags it was written under, so the caches
// are written under these flags too (a writer started without them starts one with them). The
// shims get them from here (scripts/mkshims.mjs), install.sh and the package's command through
// `__node-flags`. The plugin daemon, which serves for days, starts without them.
const JUDGE_FLAGS = ['--no-sparkplug'];
if (process.argv[2] === '__node-flags') {
  process.stdout.write(`${JUDGE_FLAGS.join(' ')}\n`);
  return;
}
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

/** The CommonJS wrapper (as node:module's `wrap`, which would load Node's ES module loader with it). */
const wrap = (source) => `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;

const writing = process.argv[2] === '--write-code-cache';
/** Bundles required by the entry or the commands that are served from a code cache, by the id they are required by. */
const CACHED = /^\.\/(commands|tools|compose-spec-[\d_]+)\.cjs$/;
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
  if (!CACHED.test(id)) return require(id);
  const name = id.slice(2);
  const done = loaded.get(name);
  if (done) return done.module.exports;
  try {
    return load(name);
  } catch (error) {
    // The entry's handler for what escapes the judge (it ends the process).
    if (process.listenerCount('uncaughtException') > 0) process.emit('uncaughtException', error);
    throw error;
  }
}

if (writing && !JUDGE_FLAGS.every((flag) => process.execArgv.includes(flag))) {
  const child = require('node:child_process').spawnSync(process.execPath, [...JUDGE_FLAGS, __filename, '--write-code-cache'], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}
if (writing) {
  // Run the warm-up so the functions a judged command uses are compiled into the caches.
  process.argv.splice(2, 1, '__warm-up');
  process.once('exit', () => {
    // The tools (snapshots, status, doctor) are not part of a judgement; their top level is cached too.
    bundleRequire('./tools.cjs');
    for (const { file, script } of loaded.values()) fs.writeFileSync(`${file}.cache`, script.createCachedData());
  });
}
load('judge.cjs');
