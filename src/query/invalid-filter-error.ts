import { createErrorGuard } from '../errors/error-guard.js';
import { OneRosterError } from '../errors/oneroster-error.js';

/** Why a filter was refused before any request was sent. */
export type InvalidFilterReason =
  | 'quote-in-value'
  | 'invalid-value'
  | 'invalid-field'
  | 'too-many-clauses'
  | 'mixed-operators';

/**
 * A filter the client refuses to build or send. Its message names the field, never the value: filter
 * values can be personal data (a family name, an email).
 */
export class InvalidFilterError extends OneRosterError {
  static override readonly kind = 'InvalidFilterError';
  readonly reason: InvalidFilterReason;
  /** The field of the offending clause, when one is to blame. */
  readonly field: string | undefined;

  constructor(details: { reason: InvalidFilterReason; field?: string; message: string }) {
    super(details.message);
    this.reason = details.reason;
    this.field = details.field;
  }
}

/** True for a filter the client refused to send (a quote in a value, too many clauses). */
export const isInvalidFilterError = createErrorGuard(InvalidFilterError);
