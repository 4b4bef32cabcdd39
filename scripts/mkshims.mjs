// Generates shims/docker and shims/docker-compose from one template: the shims differ only in
// the program they stand in for and in their trigger words, which come from the operation table
// (src/grammar/operations.ts via src/grammar/triggers.ts), so the sh pre-filter and the judge
// cannot drift apart. Both carry the judge's V8 flags, which come from shims/judge-loader.cjs.
// `node scripts/mkshims.mjs --check` fails when the shims are stale.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { buildSync } from 'esbuild';

const TOOLS = { docker: 'COMPOSE_GUARD_REAL_DOCKER', 'docker-compose': 'COMPOSE_GUARD_REAL_DOCKER_COMPOSE' };
const template = readFileSync(new URL('../shims/shim.sh.in', import.meta.url), 'utf8');
const check = process.argv.includes('--check');

const bundled = buildSync({
  entryPoints: [new URL('../src/grammar/triggers.ts', import.meta.url).pathname],
  bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'error',
});
const { shimCaseArms } = await import(`data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].text).toString('base64')}`);
// The judge's V8 flags, as the loader declares them (its code cache is written under them).
const nodeFlags = execFileSync(process.execPath, [new URL('../shims/judge-loader.cjs', import.meta.url).pathname, '__node-flags'], { encoding: 'utf8' }).trim();
let stale = false;

for (const [tool, variable] of Object.entries(TOOLS)) {
  const text = template.replaceAll('@TOOL@', tool).replaceAll('@REAL_VARIABLE@', variable).replace('@TRIGGERS@', shimCaseArms(tool)).replace('@NODE_FLAGS@', nodeFlags);
  const file = new URL(`../shims/${tool}`, import.meta.url);
  if (check) {
    if (readFileSync(file, 'utf8') !== text) {
      console.error(`shims/${tool} is stale: run node scripts/mkshims.mjs`);
      stale = true;
    }
  } else {
    writeFileSync(file, text);
    chmodSync(file, 0o755);
  }
}
process.exitCode = stale ? 1 : 0;
