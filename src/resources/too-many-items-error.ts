import { createErrorGuard } from '../errors/error-guard.js';
import { OneRosterError } from '../errors/oneroster-error.js';

/** `toArray` found more records than its `maxItems`. */
export class TooManyItemsError extends OneRosterError {
  static override readonly kind = 'TooManyItemsError';

  constructor(collection: string, maxItems: number) {
    super(`${collection} has more than maxItems (${maxItems}) records; raise maxItems or iterate instead`);
  }
}

/** True when `toArray` met more records than its `maxItems`. */
export const isTooManyItemsError = createErrorGuard(TooManyItemsError);
