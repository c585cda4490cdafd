import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { deriveOutsideKey } from '../crypto/keyring.js';
import type { Db } from '../db/client.js';
import { fixedClock } from '../kernel/clock.js';
import { systemRandom } from '../kernel/random.js';
import type { AppDeps } from './app.js';
import { createLogger } from './logger.js';

/** Everything a log capture has seen. */
export interface LogCapture {
  stream: Writable;
  /** All lines written so far, as one string. */
  text(): string;
  /** All lines written so far, parsed. */
  entries(): Record<string, unknown>[];
}

/** A stream that keeps every log line, to read back what the logger wrote. */
export function captureLogs(): LogCapture {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const text = () => chunks.join('');
  const entries = () =>
    text()
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { stream, text, entries };
}

/** The master key of every test platform (test/support/fixtures.ts). */
export const testMasterKey = Buffer.alloc(32, 7);

/**
 * The address-tag key of every app `testDeps` or the test platform builds (derived from the test
 * master key, as the platform derives it), so that tests which open a session directly
 * (`createSession`) bind it as the app will check it.
 */
export const testAddressTagKey = deriveOutsideKey(testMasterKey, 'client-address');

/**
 * Dependencies for tests: the real logger (redaction on, as in every mode), silent unless a
 * capture is given, a fixed clock and the system's randomness.
 */
export function testDeps(db: Db, options: { logs?: LogCapture; mode?: AppDeps['mode'] } = {}): AppDeps {
  const logger = options.logs
    ? createLogger({ level: 'trace', destination: options.logs.stream })
    : createLogger({ level: 'silent' });
  return {
    db,
    clock: fixedClock(new Date('2026-04-07T09:00:00Z')),
    random: systemRandom,
    logger,
    mode: options.mode ?? 'demo',
    nonceKey: randomBytes(32),
    addressTagKey: testAddressTagKey,
  };
}
