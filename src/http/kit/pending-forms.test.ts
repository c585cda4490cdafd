import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../kernel/clock.js';
import { parseFormBody } from './form-body.js';
import { PENDING_FORM_TTL_MS, PendingForms } from './pending-forms.js';

const form = { url: '/gestion/comptes/approuver', fields: { account: 'a1' }, label: 'approuver la demande' };

describe('forms waiting for a step-up', () => {
  it('hands a form out once, to the session it was kept for, and follows the session’s new id', () => {
    const pending = new PendingForms(fixedClock(new Date('2026-11-25T10:00:00Z')));
    pending.save('s1', form);
    expect(pending.peek('s2')).toBeNull();
    pending.move('s1', 's2');
    expect(pending.peek('s1')).toBeNull();
    expect(pending.take('s2')).toEqual(form);
    expect(pending.take('s2')).toBeNull();
  });

  it('forgets a form after its time', () => {
    const clock = fixedClock(new Date('2026-11-25T10:00:00Z'));
    const pending = new PendingForms(clock);
    pending.save('s1', form);
    clock.advance(PENDING_FORM_TTL_MS - 1);
    expect(pending.peek('s1')).toEqual(form);
    clock.advance(2);
    expect(pending.take('s1')).toBeNull();
  });
});

describe('form bodies', () => {
  it('reads one value as text, a repeated field as a list, and an odd key as data only', () => {
    const fields = parseFormBody('nom=Zo%C3%A9&langue=fr&langue=en&__proto__=x');
    expect(fields.nom).toBe('Zoé');
    expect(fields.langue).toEqual(['fr', 'en']);
    expect(Object.getPrototypeOf(fields)).toBeNull();
    expect(Object.keys(fields)).toContain('__proto__');
  });
});
