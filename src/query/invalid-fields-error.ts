import { createErrorGuard } from '../errors/error-guard.js';
import { OneRosterError } from '../errors/oneroster-error.js';

/** Why a `fields` selection was refused before any request was sent. */
export type InvalidFieldsReason = 'empty' | 'unknown-field' | 'invalid-name' | 'no-minimal-preset';

/**
 * A `fields` selection the client refuses to send: an empty list (the spec answers 400
 * `invalid_blank_selection_field`), a field the entity does not have (1.1 servers would ignore it and
 * return every field, 1.2 servers answer 400), or the `minimal` preset for demographics, which has none.
 */
export class InvalidFieldsError extends OneRosterError {
  static override readonly kind = 'InvalidFieldsError';
  readonly reason: InvalidFieldsReason;
  /** The entity the selection was for, e.g. `user`. */
  readonly entity: string;
  /** The offending field name, when one is to blame. */
  readonly field: string | undefined;

  constructor(details: { reason: InvalidFieldsReason; entity: string; field?: string; message: string }) {
    super(details.message);
    this.reason = details.reason;
    this.entity = details.entity;
    this.field = details.field;
  }
}

/** True for a `fields` selection the client refused (empty, unknown field, `minimal` on demographics). */
export const isInvalidFieldsError = createErrorGuard(InvalidFieldsError);
