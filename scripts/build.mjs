// Bundles the judge into one CommonJS file: one file to read and no module resolution at
// start-up, and a single script is what `node --build-snapshot` accepts (install.sh builds the
// snapshot with the node it installs for).
import { build } from 'esbuild';

await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/judge.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
