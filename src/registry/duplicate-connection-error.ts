import { createErrorGuard, OneRosterError } from '../index.js';

/** `addConnection` was given a tenant the registry has already: change it with `updateConnection`. */
export class DuplicateConnectionError extends OneRosterError {
  static override readonly kind = 'DuplicateConnectionError';
  readonly tenant: string;

  constructor(tenant: string) {
    super(`The registry has a connection ${JSON.stringify(tenant)} already; change it with updateConnection`);
    this.tenant = tenant;
  }
}

/** True for a {@link DuplicateConnectionError}, also one thrown by another copy of this package. */
export const isDuplicateConnectionError = createErrorGuard(DuplicateConnectionError);
