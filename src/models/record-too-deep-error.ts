import { createErrorGuard } from '../errors/error-guard.js';
import { OneRosterError } from '../errors/oneroster-error.js';
import { MAX_RECORD_DEPTH } from './record-depth.js';

/**
 * A value nested deeper than {@link MAX_RECORD_DEPTH} reached code that walks it recursively (a
 * store's canonical JSON). Pulls quarantine such records before they get that far.
 */
export class RecordTooDeepError extends OneRosterError {
  static override readonly kind = 'RecordTooDeepError';
  readonly maxDepth = MAX_RECORD_DEPTH;

  constructor(where: string) {
    super(`${where}: the value is nested deeper than ${MAX_RECORD_DEPTH} levels (MAX_RECORD_DEPTH)`);
  }
}

/** True for a value nested deeper than `MAX_RECORD_DEPTH` that reached a recursive walk. */
export const isRecordTooDeepError = createErrorGuard(RecordTooDeepError);
