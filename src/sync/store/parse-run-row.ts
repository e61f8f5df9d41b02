import { ONEROSTER_VERSIONS, type OneRosterVersion } from '../../index.js';
import type { ChangeOp } from './change-types.js';
import type { CommitResult, SyncMode, SyncRunStatus } from './store-types.js';

const MODES: readonly SyncMode[] = ['full', 'delta'];
const STATUSES: readonly SyncRunStatus[] = [
  'running',
  'awaiting-review',
  'succeeded',
  'failed',
  'aborted',
  'abandoned',
  'rejected',
  'expired',
];

function parseOneOf<T extends string>(column: string, known: readonly T[], value: unknown): T {
  const found = known.find((candidate) => candidate === value);
  if (found === undefined) {
    // A row written by a newer version, or edited by hand: refuse it rather than guess.
    throw new TypeError(
      `A stored run has the ${column} ${JSON.stringify(value)}, which this version does not know`,
    );
  }
  return found;
}

/**
 * A run's `mode` as a store reads it back from its database.
 * @throws TypeError for a value that is not a {@link SyncMode}
 */
export function parseSyncMode(value: unknown): SyncMode {
  return parseOneOf('mode', MODES, value);
}

/**
 * A run's `status` as a store reads it back from its database.
 * @throws TypeError for a value that is not a {@link SyncRunStatus}
 */
export function parseSyncRunStatus(value: unknown): SyncRunStatus {
  return parseOneOf('status', STATUSES, value);
}

/**
 * A run's OneRoster `version` as a store reads it back from its database.
 * @throws TypeError for a value that is not a {@link OneRosterVersion}
 */
export function parseSyncVersion(value: unknown): OneRosterVersion {
  return parseOneOf('version', ONEROSTER_VERSIONS, value);
}

const CHANGE_OPS: readonly ChangeOp[] = ['insert', 'update', 'tombstone', 'revive', 'delete'];

/**
 * A change record's `op` as a store reads it back from its database.
 * @throws TypeError for a value that is not a {@link ChangeOp}
 */
export function parseChangeOp(value: unknown): ChangeOp {
  return parseOneOf('change op', CHANGE_OPS, value);
}

const COUNT_KEYS = ['staged', 'inserted', 'updated', 'unchanged', 'tombstoned', 'unseen', 'deleted'] as const;

/** A commit's counts as a store kept them (JSON); counts of a store migrated from before read as 0. */
export function parseCommitCounts(value: unknown): CommitResult {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  const read = (key: (typeof COUNT_KEYS)[number]): number => {
    const count: unknown =
      typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, key) : undefined;
    return typeof count === 'number' ? count : 0;
  };
  return {
    staged: read('staged'),
    inserted: read('inserted'),
    updated: read('updated'),
    unchanged: read('unchanged'),
    tombstoned: read('tombstoned'),
    unseen: read('unseen'),
    deleted: read('deleted'),
  };
}
