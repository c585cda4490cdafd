// `npm test`'s pretest step: Chromium and PostgreSQL are there, or installed, or one line says how.
import { provisionTestMachine, thisMachine } from './test-machine.js';

process.exitCode = provisionTestMachine(thisMachine);
