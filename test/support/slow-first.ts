import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Starts the longest test files first (the browsers, the month of simulated work, the crash
 * test), so that two workers do not end with one of them alone on a minute-long file. On a clean
 * clone vitest has no timings cached and orders by file size; this puts the files known to be
 * long ahead of it, keeping its order among the rest. Figures: docs/BENCHMARKS.md has none, the
 * CI log does (`bash .ci/run`).
 */
const LONG = [
  /legit-month\.test\.ts$/,
  /log-integrity\.test\.ts$/,
  /accessibility\.test\.ts$/,
  /test\/cli\.test\.ts$/,
  /\.browser\.test\.ts$/,
  /browser-[a-z-]+\.test\.ts$/,
  /attack\.test\.ts$/,
  /plaintext-at-rest\.test\.ts$/,
];

const rank = (file: string) => {
  const index = LONG.findIndex((pattern) => pattern.test(file));
  return index === -1 ? LONG.length : index;
};

export default class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    return [...base].sort((a, b) => rank(a.moduleId) - rank(b.moduleId));
  }
}
