import type { BreakKind, BrokenEntry } from './types.js';

const entry = (kind: BreakKind, seq: number, message: string): BrokenEntry => ({ seq, kind, message });
const range = (from: number, to: number) => (from === to ? `l’entrée n° ${from}` : `les entrées n° ${from} à ${to}`);

/** The messages of the verifier, in French, with sequence numbers only. */
export const breaks = {
  edited: (seq: number) =>
    entry('edited', seq, `L’entrée n° ${seq} a été modifiée : son empreinte ne correspond plus à son contenu.`),
  recomputed: (seq: number) =>
    entry(
      'edited',
      seq,
      `L’entrée n° ${seq} a été réécrite avec une empreinte recalculée : l’entrée n° ${seq + 1} ne s’y enchaîne plus.`,
    ),
  rewritten: (seq: number, since: number) =>
    entry(
      'edited',
      seq,
      `La chaîne a été réécrite avec des empreintes recalculées entre l’entrée n° ${since + 1} et l’entrée n° ${seq} : ` +
        `l’empreinte de l’entrée n° ${seq} diffère de celle du point de contrôle signé.`,
    ),
  headMismatch: (seq: number) =>
    entry(
      'edited',
      seq,
      `L’entrée n° ${seq} a été réécrite : son empreinte diffère de celle que la tête du journal a enregistrée.`,
    ),
  anchor: (seq: number) =>
    entry(
      'edited',
      seq,
      `L’ancre de rétention (entrée n° ${seq}) a été modifiée : sa signature ne correspond plus à son contenu.`,
    ),
  deleted: (from: number, to: number) =>
    entry(
      'deleted',
      from,
      `${capital(range(from, to))} ${plural(from, to, 'a', 'ont')} été supprimée${plural(from, to, '', 's')} : la séquence saute ${plural(from, to, 'ce numéro', 'ces numéros')}.`,
    ),
  renumbered: (seq: number, home: number) =>
    entry(
      'deleted',
      seq,
      `${capital(range(seq, home - 1))} ${plural(seq, home - 1, 'a', 'ont')} été supprimée${plural(seq, home - 1, '', 's')} puis la suite renumérotée : ` +
        `l’entrée n° ${seq} porte le contenu de l’entrée n° ${home}.`,
    ),
  reordered: (seq: number, found: number) =>
    entry(
      'reordered',
      seq,
      `L’entrée n° ${seq} a été déplacée : son contenu se trouve au n° ${found}, l’ordre de la chaîne a été modifié.`,
    ),
  shifted: (seq: number, now: number) =>
    entry(
      'inserted',
      seq,
      `Une entrée a été insérée au n° ${seq} : l’entrée d’origine n° ${seq} se trouve désormais au n° ${now}.`,
    ),
  unlinked: (seq: number) =>
    entry(
      'inserted',
      seq,
      `L’entrée n° ${seq} ne s’enchaîne pas à la précédente, pourtant attestée : elle a été insérée ou remplacée.`,
    ),
  beyondHead: (seq: number, head: number) =>
    entry(
      'inserted',
      seq,
      `L’entrée n° ${seq} a été insérée hors de la chaîne : la tête du journal s’arrête au n° ${head}.`,
    ),
  truncatedAtCheckpoint: (last: number, signed: number) =>
    entry(
      'truncated',
      last + 1,
      `Le journal a été tronqué : il s’arrête à l’entrée n° ${last} alors qu’un point de contrôle signé atteste l’entrée n° ${signed}.`,
    ),
  truncatedAtHead: (last: number, head: number) =>
    entry(
      'truncated',
      last + 1,
      `Le journal a été tronqué : il s’arrête à l’entrée n° ${last} alors que sa tête annonce l’entrée n° ${head}.`,
    ),
};

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function plural(from: number, to: number, one: string, many: string): string {
  return from === to ? one : many;
}
