import { createErrorGuard } from './error-guard.js';
import { OneRosterError } from './oneroster-error.js';

/** Where a record broke the schema: a path and a code, never the offending value. */
export interface ValidationIssue {
  /** Path inside the record, e.g. `orgs.0.sourcedId`. */
  path: string;
  /** zod's issue code, e.g. `invalid_type`. */
  code: string;
}

/** In `strict` validation mode, a record that does not match the OneRoster schema fails the pull. */
export class ResponseValidationError extends OneRosterError {
  static override readonly kind = 'ResponseValidationError';
  readonly collection: string;
  readonly sourcedId: string | undefined;
  readonly issues: readonly ValidationIssue[];
  /** What the failure most likely means and how to fix it, when the SDK knows (a 1.2 server read as 1.1). */
  readonly hint: string | undefined;

  constructor(details: {
    collection: string;
    sourcedId?: string;
    issues: readonly ValidationIssue[];
    hint?: string | undefined;
  }) {
    const where = details.issues.map((issue) => `${issue.path || '(record)'}: ${issue.code}`).join(', ');
    super(
      `A ${details.collection} record${details.sourcedId ? ` (${details.sourcedId})` : ''} is invalid: ${where}${details.hint ? `. ${details.hint}` : ''}`,
    );
    this.collection = details.collection;
    this.sourcedId = details.sourcedId;
    this.issues = details.issues;
    this.hint = details.hint;
  }
}

/** True for a record that failed validation in strict mode. */
export const isResponseValidationError = createErrorGuard(ResponseValidationError);
