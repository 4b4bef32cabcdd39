import { defineConfig } from 'vitest/config';

// Two projects: `unit` (everything that needs no engine) and `e2e` (a real Docker engine with
// real Compose v2 and v1; skipped with one line when none answers, and failing in CI). A unit's
// own tests that need the real engine sit beside its other tests as NAME.engine.test.ts and run
// in `e2e`, one file at a time like the rest of it.
export default defineConfig({
  test: {
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/e2e/**', 'test/**/*.engine.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts', 'test/**/*.engine.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
        },
      },
    ],
  },
});
