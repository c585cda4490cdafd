import { defineConfig } from 'vitest/config';
import SlowFirst from './test/support/slow-first.js';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    // Test files share their worker's modules: importing them once per worker, not once per
    // file, saves about a third of the suite's time. No test keeps state in a module between files.
    isolate: false,
    maxWorkers: 2,
    sequence: { sequencer: SlowFirst },
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
