/**
 * Why a staff or partner account is asked for, shown to the second person who approves it, so
 * that an approval is a decision and not a click. A closed list, not free text: the request sits
 * outside the vault, and a sentence about a person would lie there in clear (DESIGN.md promise 4),
 * as for suspension reasons (suspensions.ts).
 */
export const requestReasons = {
  arrival: 'Arrivée dans le service',
  replacement: 'Remplacement d’une personne partie',
  new_duties: 'Nouvelles missions dans le service',
  reinforcement: 'Renfort temporaire',
  unrecorded: 'Motif non enregistré (demande antérieure)',
} as const;

export type RequestReason = keyof typeof requestReasons;

/** The reasons a person may choose; `unrecorded` is for requests made before there were any. */
export const choosableRequestReasons = [
  'arrival',
  'replacement',
  'new_duties',
  'reinforcement',
] as const satisfies readonly Exclude<RequestReason, 'unrecorded'>[];
