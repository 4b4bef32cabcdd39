// Generates shims/docker and shims/docker-compose from one template: the shims differ only in
// the program they stand in for. `node scripts/mkshims.mjs --check` fails when they are stale.
import { readFileSync, writeFileSync, chmodSync } from 'node:fs';

const TOOLS = { docker: 'COMPOSE_GUARD_REAL_DOCKER', 'docker-compose': 'COMPOSE_GUARD_REAL_DOCKER_COMPOSE' };
const template = readFileSync(new URL('../shims/shim.sh.in', import.meta.url), 'utf8');
const check = process.argv.includes('--check');
let stale = false;

for (const [tool, variable] of Object.entries(TOOLS)) {
  const text = template.replaceAll('@TOOL@', tool).replaceAll('@REAL_VARIABLE@', variable);
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
