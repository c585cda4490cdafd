#!/usr/bin/env node
// `npm run bench`: runs bench/run.ts through tsx.
import { register } from 'tsx/esm/api';

register();
const { runBenchmarks } = await import('../bench/run.ts');
process.exitCode = await runBenchmarks(process.argv.slice(2));
