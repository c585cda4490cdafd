import { describe, expect, it } from 'vitest';
import { AppError } from '../kernel/errors.js';
import { serializeError } from './log-serializers.js';
import { createLogger, REDACTED } from './logger.js';
import { captureLogs } from './test-helpers.js';

const EMAIL = 'hélène.lefèvre@exemple.fr';

describe('createLogger', () => {
  it('masks sensitive keys at any of the first four levels', () => {
    const logs = captureLogs();
    const logger = createLogger({ level: 'info', destination: logs.stream });
    logger.info(
      {
        email: EMAIL,
        upstream: { headers: { authorization: 'Bearer secret', cookie: 's=1', 'set-cookie': 's=2' } },
        people: [{ prénom: 'Hélène', nom: 'Lefèvre', telephone: '06 12 34 56 78' }],
        a: { b: { c: { franceTravailId: '1234567A' } } },
      },
      'essai',
    );
    const [entry] = logs.entries();
    expect(entry).toMatchObject({
      email: REDACTED,
      upstream: { headers: { authorization: REDACTED, cookie: REDACTED, 'set-cookie': REDACTED } },
      people: [{ prénom: REDACTED, nom: REDACTED, telephone: REDACTED }],
      a: { b: { c: { franceTravailId: REDACTED } } },
    });
  });

  it.each([
    ['an error alone', (log: ReturnType<typeof createLogger>) => log.error(new Error(`inconnu : ${EMAIL}`))],
    [
      'an error under err',
      (log: ReturnType<typeof createLogger>) => log.error({ err: new Error(`inconnu : ${EMAIL}`) }),
    ],
  ])('does not use the message of %s as the log message', (_label, write) => {
    const logs = captureLogs();
    write(createLogger({ level: 'info', destination: logs.stream }));
    expect(logs.text()).not.toContain(EMAIL);
    expect(logs.entries()[0]).toMatchObject({ err: { type: 'Error' }, msg: expect.any(String) });
  });

  it('writes readable lines for a terminal, with the same redaction', () => {
    const logs = captureLogs();
    const logger = createLogger({ level: 'info', destination: logs.stream, pretty: true });
    logger.info({ email: EMAIL, people: [{ nom: 'Lefèvre' }], route: '/connexion' }, 'essai lisible');
    logger.error(new Error(`inconnu : ${EMAIL}`));
    const text = logs.text();
    expect(text).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: essai lisible /);
    // Control: fields are printed, so a missing address is the redaction's doing.
    expect(text).toContain('"route":"/connexion"');
    expect(text).toContain(REDACTED);
    expect(text).not.toContain(EMAIL);
    expect(text).not.toContain('Lefèvre');
    expect(text).not.toMatch(/^\{/m);
  });

  it('logs nothing below its level', () => {
    const logs = captureLogs();
    createLogger({ level: 'warn', destination: logs.stream }).info('rien');
    expect(logs.text()).toBe('');
  });
});

describe('serializeError', () => {
  it('keeps type, safe code, status and frames, and drops the message even when it looks like frames', () => {
    const error = Object.assign(new Error(`ligne 1\n    at ${EMAIL}`), { code: '22P02', statusCode: 500 });
    const logged = serializeError(error);
    expect(logged).toMatchObject({ type: 'Error', code: '22P02', statusCode: 500 });
    expect(logged.frames.length).toBeGreaterThan(0);
    expect(JSON.stringify(logged)).not.toContain(EMAIL);
  });

  it('drops a code that is not an identifier', () => {
    expect(serializeError(Object.assign(new Error('x'), { code: EMAIL })).code).toBeUndefined();
  });

  it('keeps the catalogue code and detail of an AppError, and follows causes', () => {
    const error = new AppError('AUDIT_FAILED', 'append refused');
    (error as Error).cause = new Error(EMAIL);
    const logged = serializeError(error);
    expect(logged.catalogue).toEqual({ code: 'AUDIT_FAILED', detail: 'append refused' });
    expect(logged.cause?.type).toBe('Error');
    expect(JSON.stringify(logged)).not.toContain(EMAIL);
  });

  it('copes with values that are not errors', () => {
    expect(serializeError('texte')).toEqual({ type: 'string', frames: [] });
    expect(serializeError(null)).toEqual({ type: 'object', frames: [] });
  });
});
