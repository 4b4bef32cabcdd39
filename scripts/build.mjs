// Bundles compose-guard into two CommonJS files. dist/judge.cjs holds the hot path (grammar,
// resolver, policy, decision, report): one file to read and no module resolution at start-up.
// dist/tools.cjs holds the commands that spawn programs or stream data (doctor and the like, with
// execa); the judge requires it only when one of those commands runs.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  // Internal-error messages name real functions and fields, not minified ones.
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
};

/** The judge reaches the tools only through src/cli/tools.ts; built, that is the separate file. */
const toolsApart = {
  name: 'tools-apart',
  setup(b) {
    b.onResolve({ filter: /\/tools\/index\.js$/ }, () => ({ path: './tools.cjs', external: true }));
  },
};

// The judge runs inside vm.Script (shims/judge-loader.cjs), where import() has no loader: the
// tools bundle is reached with require().
await build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/judge.cjs', banner: { js: '#!/usr/bin/env node' }, plugins: [toolsApart], supported: { 'dynamic-import': false } });
await build({ ...common, entryPoints: ['src/tools/index.ts'], outfile: 'dist/tools.cjs' });
