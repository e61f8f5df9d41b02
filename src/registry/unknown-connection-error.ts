import { createErrorGuard, OneRosterError } from '../index.js';

/** The registry has no connection of this tenant (never added, or removed). */
export class UnknownConnectionError extends OneRosterError {
  static override readonly kind = 'UnknownConnectionError';
  readonly tenant: string;

  constructor(tenant: string) {
    super(`The registry has no connection ${JSON.stringify(tenant)}`);
    this.tenant = tenant;
  }
}

/** True for an {@link UnknownConnectionError}, also one thrown by another copy of this package. */
export const isUnknownConnectionError = createErrorGuard(UnknownConnectionError);
