/**
 * What a form shows: the values to put back in its fields, the error of each field, an error
 * about the whole form, and the CSRF token it must send. Pages take one and hand it to the
 * field components, which read their own value and error from it by name.
 */
export interface FormState<Name extends string = string> {
  csrfToken: string;
  values: Partial<Record<Name, string | readonly string[]>>;
  errors: Partial<Record<Name, string>>;
  /** About the whole form, not one field (« ce lien a expiré »). */
  error?: string;
}

/** A form with nothing typed yet, or with the given starting values. */
export function emptyForm<Name extends string = string>(
  csrfToken: string,
  values: Partial<Record<Name, string>> = {},
): FormState<Name> {
  return { csrfToken, values, errors: {} };
}

/** One value of a field, as text (the first one, for a field sent several times). */
export function valueOf<Name extends string>(form: FormState<Name>, name: Name): string | undefined {
  const value = form.values[name];
  return typeof value === 'string' ? value : value?.[0];
}

/** Every value of a field (a group of checkboxes). */
export function valuesOf<Name extends string>(form: FormState<Name>, name: Name): readonly string[] {
  const value = form.values[name];
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

/** The id of a field's input, for its label and for the links of the error summary. */
export function fieldId(name: string, id?: string): string {
  return id ?? `champ-${name}`;
}
