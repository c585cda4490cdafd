// The first half of `npm test` (package.json): Chromium and PostgreSQL are there, or installed,
// or one line says how. In the test command itself, not a `pretest` hook, so that it also runs
// where npm lifecycle hooks are skipped (`--ignore-scripts`).
import { provisionTestMachine, thisMachine } from './test-machine.js';

process.exitCode = provisionTestMachine(thisMachine);
