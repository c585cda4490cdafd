import type { z } from 'zod';
import { frenchIssue } from './form-fields.js';

/** What is wrong with a posted form: each field's error, one about the whole form, the status. */
export class FormInvalid extends Error {
  constructor(
    readonly errors: Record<string, string | undefined>,
    readonly formError: string | undefined,
    readonly status: number,
  ) {
    super('form invalid');
    this.name = 'FormInvalid';
  }
}

/**
 * The errors of a posted body against its schema, one per field (the first found), in French;
 * null when the body is valid. An issue that belongs to no field of the form (an unexpected
 * field) is an error of the whole form.
 */
export function formProblems(schema: z.ZodObject, body: unknown): FormInvalid | null {
  const result = schema.safeParse(body ?? {}, { error: (issue) => frenchIssue(issue) });
  if (result.success) return null;
  const errors: Record<string, string> = {};
  let formError: string | undefined;
  for (const issue of result.error.issues) {
    const name = issue.path[0];
    if (typeof name === 'string' && name in schema.shape && name !== '_csrf') errors[name] ??= issue.message;
    else formError ??= issue.message;
  }
  return new FormInvalid(errors, formError, 400);
}

/**
 * What the person typed, to put back in the form: text values only, without the CSRF token and
 * without the secret fields (passwords, codes), which are asked again.
 */
export function keptValues(body: unknown, secrets: readonly string[]): Record<string, string | readonly string[]> {
  const kept: Record<string, string | readonly string[]> = {};
  if (typeof body !== 'object' || body === null) return kept;
  for (const [name, value] of Object.entries(body)) {
    if (name === '_csrf' || secrets.includes(name)) continue;
    if (typeof value === 'string') kept[name] = value;
    else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) kept[name] = value;
  }
  return kept;
}
