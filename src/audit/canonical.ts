import type { AccessEntryInput } from './types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The entry exactly as the database will give it back to the verifier. PostgreSQL rewrites a
 * uuid in lower case and a lone UTF-16 surrogate as U+FFFD, and refuses NUL: a hash computed
 * over the caller's spelling would then never verify. So ids are lower-cased, and anything the
 * database would alter is refused here, which fails the caller's transaction (fail closed).
 */
export function canonicalInput(input: AccessEntryInput): AccessEntryInput {
  return {
    actorId: input.actorId === null ? null : uuid(input.actorId),
    sessionId: nullableText(input.sessionId),
    action: text(input.action),
    purpose: text(input.purpose),
    people: input.people.map(uuid),
    fields: input.fields.map(text),
    clientAddr: nullableText(input.clientAddr),
  };
}

function uuid(value: string): string {
  if (!UUID.test(value)) throw new TypeError('journal des accès : identifiant qui n’est pas un UUID');
  return value.toLowerCase();
}

function text(value: string): string {
  if (value.includes('\u0000') || Buffer.from(value, 'utf8').toString('utf8') !== value) {
    throw new TypeError('journal des accès : texte que la base ne conserverait pas à l’identique');
  }
  return value;
}

function nullableText(value: string | null): string | null {
  return value === null ? null : text(value);
}
