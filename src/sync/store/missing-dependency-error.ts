import { createErrorGuard, OneRosterError } from '../../index.js';

/**
 * An entry point needs an optional peer dependency that is not installed: `better-sqlite3` for
 * `oneroster/sqlite`, `pg` for `oneroster/postgres`. The entry point itself loads without it, and
 * the store's factory throws this when it is called. Install the package next to oneroster.
 * @example
 * catch (error) {
 *   if (isMissingDependencyError(error)) console.error(`run: npm install ${error.packageName}`);
 * }
 */
export class MissingDependencyError extends OneRosterError {
  static override readonly kind = 'MissingDependencyError';
  /** The package to install, e.g. `better-sqlite3`. */
  readonly packageName: string;
  /** The entry point that needs it, e.g. `oneroster/sqlite`. */
  readonly entryPoint: string;

  constructor(details: { packageName: string; entryPoint: string }, options?: ErrorOptions) {
    super(
      `${details.entryPoint} needs ${details.packageName}, an optional peer dependency that is not installed: ` +
        `npm install ${details.packageName}`,
      options,
    );
    this.packageName = details.packageName;
    this.entryPoint = details.entryPoint;
  }
}

/** True for a {@link MissingDependencyError}, also one thrown by another copy of this package. */
export const isMissingDependencyError = createErrorGuard(MissingDependencyError);
