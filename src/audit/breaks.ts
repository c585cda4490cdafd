import type { BreakKind, BrokenEntry } from './types.js';

const entry = (kind: BreakKind, seq: number, message: string): BrokenEntry => ({ seq, kind, message });

/** The verifier's messages, in French, with sequence numbers only. */
export const breaks = {
  edited: (seq: number) =>
    entry('edited', seq, `L’entrée n° ${seq} a été modifiée : son empreinte ne correspond plus à celle de son sceau.`),
  moved: (seq: number, found: number) =>
    entry(
      'reordered',
      seq,
      `L’entrée n° ${seq} a été déplacée : son contenu se trouve au n° ${found}, l’ordre du journal a été modifié.`,
    ),
  deleted: (seq: number) =>
    entry('deleted', seq, `L’entrée n° ${seq} a été supprimée : son sceau l’atteste, la base ne la contient plus.`),
  inserted: (seq: number) =>
    entry(
      'inserted',
      seq,
      `L’entrée n° ${seq} a été insérée après coup : aucun sceau ne la mentionne dans la plage qu’il couvre.`,
    ),
  sealEdited: (seq: number, n: number) =>
    entry(
      'edited',
      seq,
      `Le sceau n° ${n} a été modifié : sa signature ne correspond plus à son contenu (entrées à partir du n° ${seq}).`,
    ),
  sealsMissing: (seq: number, from: number, to: number) =>
    entry(
      'deleted',
      seq,
      from === to
        ? `Le sceau n° ${from} a été supprimé : la chaîne saute du sceau n° ${from - 1} au n° ${to + 1}.`
        : `Les sceaux n° ${from} à ${to} ont été supprimés : la chaîne saute du sceau n° ${from - 1} au n° ${to + 1}.`,
    ),
  sealUnlinked: (seq: number, n: number) =>
    entry(
      'inserted',
      seq,
      `Le sceau n° ${n} ne s’enchaîne pas au précédent : la chaîne a été réécrite ou complétée après coup.`,
    ),
  rewritten: (seq: number, n: number) =>
    entry(
      'edited',
      seq,
      `Le sceau n° ${n} diffère de celui qu’atteste un point de contrôle signé : la chaîne a été réécrite.`,
    ),
  anchor: (seq: number) =>
    entry(
      'edited',
      seq,
      `L’ancre de rétention (entrée n° ${seq}) a été modifiée : sa signature ne correspond plus à son contenu.`,
    ),
  truncated: (last: number, signed: number, seq: number) =>
    entry(
      'truncated',
      seq,
      `Le journal a été tronqué : il s’arrête au sceau n° ${last} alors qu’un point de contrôle signé atteste le sceau n° ${signed}.`,
    ),
  unsealed: (seq: number, count: number) =>
    entry(
      'unsealed',
      seq,
      `${count} entrée${count > 1 ? 's' : ''} à partir du n° ${seq} ${count > 1 ? 'ne sont' : 'n’est'} pas scellée${count > 1 ? 's' : ''} depuis plus de deux minutes : ` +
        'démarrez la plateforme pour que le scelleur les enchaîne, ou cherchez qui les a ajoutées hors de la plateforme.',
    ),
  noCheckpoint: () =>
    entry(
      'checkpoints',
      0,
      'Aucun point de contrôle signé n’a été trouvé : les fichiers ont été supprimés ou déplacés (AUDIT_CHECKPOINT_DIR).',
    ),
  checkpointFilesMissing: (from: number, to: number) =>
    entry(
      'checkpoints',
      0,
      from === to
        ? `Le point de contrôle n° ${from} manque dans les fichiers alors que la base l’a enregistré : un fichier a été supprimé.`
        : `Les points de contrôle n° ${from} à ${to} manquent dans les fichiers alors que la base les a enregistrés : des fichiers ont été supprimés.`,
    ),
  checkpointGap: (from: number, to: number) =>
    entry(
      'checkpoints',
      0,
      from === to
        ? `Il manque le point de contrôle n° ${from} : la suite des points de contrôle est interrompue.`
        : `Il manque les points de contrôle n° ${from} à ${to} : la suite des points de contrôle est interrompue.`,
    ),
  checkpointUnlinked: (i: number) =>
    entry(
      'checkpoints',
      0,
      `Le point de contrôle n° ${i} ne s’enchaîne pas au précédent : la suite des points de contrôle a été altérée.`,
    ),
  checkpointCopyDiffers: (i: number) =>
    entry(
      'checkpoints',
      0,
      `La copie en base du point de contrôle n° ${i} diffère du fichier signé : la base a été modifiée.`,
    ),
  uncovered: (seq: number, n: number) =>
    entry(
      'checkpoints',
      seq,
      `Aucun point de contrôle ne couvre le journal depuis le sceau n° ${n} (entrée n° ${seq}), scellé il y a plus de trois minutes : ` +
        'les derniers points de contrôle ont été supprimés, ou la plateforme n’a pas pu en signer (voir les alertes).',
    ),
};
