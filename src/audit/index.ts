export type {
  AccessEntryInput,
  AccessLog,
  BreakKind,
  BrokenEntry,
  ChainKeys,
  Outcome,
  RecordKind,
  VerifyOptions,
  VerifyReport,
} from './types.js';
export { createAccessLog, ENTRY_COLUMNS, entryPlaceholders, entryValues } from './entries.js';
export { createSealer, type Sealer } from './sealer.js';
export { writeCheckpoint, type CheckpointDeps, type CheckpointResult } from './checkpoint-writer.js';
export { readCheckpointFiles, type Checkpoint, type SignedCheckpoint } from './checkpoints.js';
export { verifyAccessLog } from './verify.js';
export { purgeAccessLog, type PurgeResult } from './purge.js';
export { readsByActor, type ActorRead } from './queries.js';
