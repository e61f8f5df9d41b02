import { ONEROSTER_VERSIONS, type OneRosterVersion } from '../../index.js';
import type { SyncMode, SyncRunStatus } from './store-types.js';

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
