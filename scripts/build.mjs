// Bundles compose-guard into three CommonJS files, each one file to read with no module
// resolution at start-up:
//   dist/judge.cjs     the entry: command-line router and grammar. A judged command that the
//                      grammar alone lets through (`docker rm CTR`) needs nothing more.
//   dist/commands.cjs  the commands proper: policy, resolver (with the YAML parser), engine
//                      client, decision, report, audit. Required by the entry when a command
//                      needs more than the grammar.
//   dist/tools.cjs     the commands that spawn programs or stream data (doctor and the like, with
//                      execa); required only when one of those runs.
//   dist/compose-spec-<version>.cjs  one compose-spec validator each (scripts/compile-compose-spec.mjs,
//                      compiled here from the schema that modelled Compose ships): required by the
//                      commands only when a project is read, and only the one for the Compose that
//                      runs (both when its version is unknown). Each is larger than the rest of the
//                      commands together; kept apart, a judgement reads and deserializes one.
import path from 'node:path';
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { compileComposeSpec } from './compile-compose-spec.mjs';

compileComposeSpec();

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  // No keepNames: it costs every start a property definition per function and class (about a
  // tenth of the judge's own start-up work), and buys nothing an error message shows: error
  // names are set explicitly (GuardError, UsageError, ...), fields are never minified, and V8
  // names a failed call by its source text either way.
  keepNames: false,
  legalComments: 'none',
  logLevel: 'warning',
};

/**
 * yaml's ES module build instead of its CommonJS one: bundled flat and tree-shaken, it is smaller
 * and starts faster (no module wrappers to run, no stringifier the judge never calls).
 */
const yamlEsm = {
  name: 'yaml-esm',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: path.resolve('node_modules/yaml/browser/index.js') }));
  },
};

/**
 * picocolors works out its default at load time, and that reads `process.stdout`: Node then
 * builds the stdout stream (net, tty and the stream modules) before the judge has decided
 * anything. compose-guard always passes `enabled` to createColors, so that default is never used:
 * it is built as `false`, and process.stdout is left alone.
 */
const picocolorsNoDefault = {
  name: 'picocolors-no-default',
  setup(b) {
    b.onLoad({ filter: /picocolors[\\/]picocolors\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const probe = '((p.stdout || {}).isTTY && env.TERM !== "dumb")';
      if (!source.includes(probe)) throw new Error(`${args.path}: picocolors changed; check what its default reads at load time`);
      return { contents: source.replace(probe, 'false'), loader: 'js' };
    });
  },
};

/**
 * The entry reaches the other bundles only through their index modules (src/cli/load-commands.ts,
 * src/cli/tools.ts); built, each of those is a `require` of the separate file.
 */
const apart = {
  name: 'bundles-apart',
  setup(b) {
    b.onResolve({ filter: /\/tools\/index\.js$/ }, () => ({ path: './tools.cjs', external: true }));
    b.onResolve({ filter: /\/commands\/index\.js$/ }, () => ({ path: './commands.cjs', external: true }));
  },
};

/** The compose-spec validators likewise: each is a `require` of its own file. */
const validatorsApart = {
  name: 'validators-apart',
  setup(b) {
    b.onResolve({ filter: /\/generated\/compose-spec-[\d_]+\.js$/ }, (args) => ({ path: `./${path.basename(args.path, '.js')}.cjs`, external: true }));
  },
};

// `supported`: the loaders' import() becomes a plain require of the CommonJS file. The judge runs
// inside vm.Script (shims/judge-loader.cjs), where import() has no loader; and a require can be
// served from V8's code cache by that loader.
await build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/judge.cjs', banner: { js: '#!/usr/bin/env node' }, plugins: [apart], supported: { 'dynamic-import': false } });
// The commands reach the tools (a snapshot before a permitted destroy) the same way: apart.
await build({ ...common, entryPoints: ['src/cli/commands/index.ts'], outfile: 'dist/commands.cjs', plugins: [apart, validatorsApart, yamlEsm, picocolorsNoDefault], supported: { 'dynamic-import': false } });
await build({ ...common, entryPoints: ['src/tools/index.ts'], outfile: 'dist/tools.cjs', plugins: [validatorsApart, yamlEsm, picocolorsNoDefault], supported: { 'dynamic-import': false } });
for (const file of readdirSync('src/project/generated').filter((f) => /^compose-spec-[\d_]+\.js$/.test(f))) {
  await build({ ...common, entryPoints: [`src/project/generated/${file}`], outfile: `dist/${path.basename(file, '.js')}.cjs` });
}
