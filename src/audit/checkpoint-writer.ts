import type { Queryable } from '../db/client.js';
import { raiseAlert } from '../guard/alerts.js';
import type { Clock } from '../kernel/clock.js';
import type { Random } from '../kernel/random.js';
import { chainStart, type ChainPoint } from './anchor.js';
import {
  appendCheckpointFile,
  GENESIS_SIG,
  insertCheckpointCopy,
  newestCheckpointFile,
  readCheckpointCopies,
  signCheckpoint,
  type SignedCheckpoint,
} from './checkpoints.js';
import { GENESIS_MAC } from './seals.js';
import type { ChainKeys } from './types.js';
import { walkChain } from './walk.js';

export interface CheckpointDeps extends ChainKeys {
  db: Queryable;
  dir: string;
  clock: Clock;
  random: Random;
  /**
   * Whether this process may start the checkpoints from nothing: only when it has just created
   * the keyring or upgraded the log to version 2, facts a database writer cannot fake.
   */
  mayStartFresh: boolean;
}

export type CheckpointResult =
  { status: 'written'; checkpoint: SignedCheckpoint } | { status: 'unchanged' } | { status: 'refused'; reason: string };

/**
 * Signs a new checkpoint of the chain's head, but only after checking the chain from the last
 * signed checkpoint to the head: a forged log is never signed. If the check fails, or the
 * checkpoints themselves are missing, it refuses, opens a security alert, and says why.
 */
export async function writeCheckpoint(deps: CheckpointDeps): Promise<CheckpointResult> {
  const last = await lastCheckpoint(deps);
  if ('refused' in last) return refuse(deps, 'audit.checkpoints_missing', last.refused);
  const from = await startingPoint(deps, last.checkpoint);
  const walked = await walkChain(deps.db, from, {
    chainKey: deps.chainKey,
    signed: new Map([[last.checkpoint.sealN, last.checkpoint.sealMac]]),
  });
  if (walked.broken) return refuse(deps, 'audit.chain_broken', walked.broken.message);
  const head = walked.end;
  if (head.n === last.checkpoint.sealN) {
    return last.written ? { status: 'written', checkpoint: last.checkpoint } : { status: 'unchanged' };
  }
  const next = signCheckpoint(deps.checkpointKey, {
    i: last.checkpoint.i + 1,
    sealN: head.n,
    toSeq: head.toSeq,
    sealMac: head.mac.toString('hex'),
    at: deps.clock.now().toISOString(),
    prevSig: last.checkpoint.sig,
  });
  await store(deps, next);
  return { status: 'written', checkpoint: next };
}

/**
 * The newest checkpoint, from the files (the database copy only tells whether files went
 * missing). With none at all, a genesis checkpoint is written, if this process may.
 */
async function lastCheckpoint(
  deps: CheckpointDeps,
): Promise<{ checkpoint: SignedCheckpoint; written: boolean } | { refused: string }> {
  const newest = await newestCheckpointFile(deps.dir, deps.checkpointKey);
  const copies = await readCheckpointCopies(deps.db);
  const newestCopy = [...copies.keys()].at(-1);
  if (newest && (newestCopy === undefined || newestCopy <= newest.i)) {
    // A copy missing in the database (a crash between file and row) is restored from the file.
    if (newestCopy === undefined || newestCopy < newest.i) await insertCheckpointCopy(deps.db, newest);
    return { checkpoint: newest, written: false };
  }
  if (newestCopy !== undefined) {
    return {
      refused:
        `les fichiers de points de contrôle ne contiennent pas le point n° ${newestCopy}, que la base a enregistré : ` +
        'ils ont été supprimés ou déplacés.',
    };
  }
  if (!deps.mayStartFresh) {
    return {
      refused:
        'aucun point de contrôle n’existe, ni en fichier ni en base, alors que la plateforme n’est pas neuve : ' +
        'ils ont été supprimés.',
    };
  }
  const genesis = signCheckpoint(deps.checkpointKey, {
    i: 0,
    sealN: 0,
    toSeq: 0,
    sealMac: GENESIS_MAC.toString('hex'),
    at: deps.clock.now().toISOString(),
    prevSig: GENESIS_SIG,
  });
  await store(deps, genesis);
  return { checkpoint: genesis, written: true };
}

/** Where the check starts: the last checkpoint's seal, unless the retention purge has gone past it. */
async function startingPoint(deps: CheckpointDeps, checkpoint: SignedCheckpoint): Promise<ChainPoint> {
  const anchor = await chainStart(deps.db);
  if (anchor.n > checkpoint.sealN) return anchor;
  return { n: checkpoint.sealN, toSeq: checkpoint.toSeq, mac: Buffer.from(checkpoint.sealMac, 'hex') };
}

async function store(deps: CheckpointDeps, checkpoint: SignedCheckpoint): Promise<void> {
  // The file first: it is the one that counts, and a crash before the copy is healed next time.
  await appendCheckpointFile(deps.dir, checkpoint);
  await insertCheckpointCopy(deps.db, checkpoint);
}

async function refuse(
  deps: CheckpointDeps,
  kind: 'audit.chain_broken' | 'audit.checkpoints_missing',
  reason: string,
): Promise<CheckpointResult> {
  await raiseAlert(deps.db, deps, kind, { raison: reason });
  return { status: 'refused', reason };
}
