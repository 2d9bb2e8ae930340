import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // generated code is compiled with tsc and servers are started: keep parallelism modest on 2 cores
    maxWorkers: 2,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
