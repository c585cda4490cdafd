export type { AccessEntryInput, AccessLog, BreakKind, BrokenEntry, VerifyOptions, VerifyReport } from './types.js';
export { createAccessLog } from './append.js';
export { entryHash, GENESIS_HASH, type ChainedEntry } from './entry-hash.js';
export { readCheckpoints, writeCheckpoint, type Checkpoint } from './checkpoints.js';
export { verifyAccessLog } from './verify.js';
export { purgeAccessLog, type PurgeResult } from './purge.js';
export { readsByActor, type ActorRead } from './queries.js';
