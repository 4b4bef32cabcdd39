// Decides once whether the end-to-end suite can run. In CI it must: a missing engine fails the
// run. Elsewhere the suite is skipped with one visible line saying why.
import type { TestProject } from 'vitest/node';
import { probeEngine, type E2eContext } from './engine.js';

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2eContext;
  }
}

export default function setup(project: TestProject): void {
  const context = probeEngine();
  if (!context.available) {
    const line = `${context.reason}; run test/e2e/provision.sh as root to provision one`;
    if (process.env.CI) throw new Error(`e2e: ${line} (CI must run the end-to-end suite)`);
    console.log(`e2e: skipped: ${line}`);
  }
  project.provide('e2e', context);
}
