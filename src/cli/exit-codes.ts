import { isObject } from '../base/is-object.js';
import {
  isAuthenticationError,
  isNetworkError,
  isOneRosterError,
  isPermissionError,
  isTokenError,
} from '../errors/guards.js';
import { isInvalidFieldsError } from '../query/invalid-fields-error.js';
import { isMassDeletionError } from '../sync/mass-deletion-error.js';
import { isNotAwaitingReviewError } from '../sync/review/not-awaiting-review-error.js';
import { isEraseRefusedError } from '../sync/store/erase-refused-error.js';
import { isMissingDependencyError } from '../sync/store/missing-dependency-error.js';
import { isStoreError } from '../sync/store/store-error.js';
import { isSyncInProgressError } from '../sync/store/sync-in-progress-error.js';
import { StoreFailure } from './stores/store-failure.js';
import { UsageError } from './usage-error.js';

/** Exit codes a script can branch on; documented in docs/cli.md. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  credentials: 3,
  unreachable: 4,
  massDeletion: 5,
  missingDependency: 6,
  /** The store (SQLite or PostgreSQL) failed or cannot be reached: not the provider's fault. */
  store: 7,
  /** A run awaits review: the sync held it (`--review`), or another run of the tenant is held. */
  awaitingReview: 8,
  /** 128 + SIGINT, as shells report a process stopped by Ctrl-C. */
  interrupted: 130,
} as const;

/** What a failure's message may name to check, which depends on the auth in use. */
export interface FailureContext {
  /** `oauth2`, `oauth1` or `bearer`, as `--auth` (or ONEROSTER_AUTH) says. */
  auth: string;
}

/** A failure for people: one line, and the exit code. */
export interface Failure {
  message: string;
  code: number;
  /** True for a mistake in the command line, whose line points at the command's `--help`. */
  usage?: boolean;
}

/** The `code` of a Node.js error (`ERR_PARSE_ARGS_…`, `ERR_MODULE_NOT_FOUND`), if it has one. */
function codeOf(error: unknown): unknown {
  return isObject(error) ? error['code'] : undefined;
}

/** The message without the `oneroster: ` the library puts before its option errors; main adds its own. */
function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/^oneroster:\s*/, '');
}

/** A message and a hint as one line. */
function sentence(message: string, hint: string): string {
  return `${message.replace(/\.?\s*$/, '')}. ${hint}`;
}

/** Node's own parseArgs text, reworded (the commands read their flags with parseCommandLine). */
function describeParseArgsError(error: unknown): string {
  const message = messageOf(error);
  const option = /^Unknown option '([^']+)'/.exec(message)?.[1];
  if (option !== undefined) return `unknown option ${option}`;
  const flag = /^Option '(-[^ ']+)/.exec(message)?.[1];
  if (flag !== undefined) return `${flag} needs a value (write ${flag}=VALUE for a value that starts with -)`;
  const positional = /^Unexpected argument '([^']+)'/.exec(message)?.[1];
  if (positional !== undefined) return `unexpected argument ${positional}`;
  return message.split('\n')[0] ?? message;
}

function credentialsHint(context: FailureContext): string {
  switch (context.auth) {
    case 'bearer':
      return 'Check --token (or ONEROSTER_TOKEN): a static token may have expired or been revoked.';
    case 'oauth1':
      return 'Check --client-id and --client-secret (the OAuth 1.0a consumer key and secret).';
    default:
      return 'Check --client-id, --client-secret, --token-url, --scope and --auth.';
  }
}

/** A message a person can act on, and the exit code, for any error a command throws. */
export function describeFailure(error: unknown, context: FailureContext = { auth: 'oauth2' }): Failure {
  if (String(codeOf(error)).startsWith('ERR_PARSE_ARGS')) {
    return { message: describeParseArgsError(error), code: EXIT.usage, usage: true };
  }
  if (error instanceof UsageError) return { message: error.message, code: EXIT.usage, usage: true };
  if (isInvalidFieldsError(error)) {
    return { message: `--fields: ${messageOf(error)}`, code: EXIT.usage, usage: true };
  }
  if (isTokenError(error) && error.status === undefined) {
    return {
      message: sentence(
        `Cannot reach the token endpoint: ${messageOf(error)}`,
        'Check --token-url and the network.',
      ),
      code: EXIT.unreachable,
    };
  }
  if (isTokenError(error) && (error.status === 429 || (error.status ?? 0) >= 500)) {
    return {
      message: sentence(`The token endpoint failed: ${messageOf(error)}`, 'Try again later.'),
      code: EXIT.failure,
    };
  }
  if (isTokenError(error) || isAuthenticationError(error)) {
    const what = context.auth === 'bearer' ? 'the bearer token' : 'the credentials';
    return {
      message: sentence(`The provider refused ${what}: ${messageOf(error)}`, credentialsHint(context)),
      code: EXIT.credentials,
    };
  }
  if (isPermissionError(error)) {
    const hint =
      context.auth === 'oauth2'
        ? 'Check --scope, or ask the provider to grant the scope.'
        : 'Ask the provider to grant it.';
    return {
      message: sentence(`The credentials lack a scope for this endpoint: ${messageOf(error)}`, hint),
      code: EXIT.credentials,
    };
  }
  if (isNetworkError(error)) {
    return {
      message: sentence(
        `Cannot reach the provider: ${messageOf(error)}`,
        'Check --base-url and the network.',
      ),
      code: EXIT.unreachable,
    };
  }
  if (isMassDeletionError(error)) {
    return {
      message: sentence(
        messageOf(error),
        'Nothing was deleted. Re-run with --force-deletions if this is expected.',
      ),
      code: EXIT.massDeletion,
    };
  }
  if (isEraseRefusedError(error)) {
    return {
      message: sentence(
        messageOf(error),
        'Let the run finish (or stop its worker, and pause the connection), then erase again.',
      ),
      code: EXIT.failure,
    };
  }
  if (isSyncInProgressError(error) && error.awaitingReview && error.runId !== undefined) {
    return {
      message: sentence(
        `Tenant ${error.tenant} has run ${error.runId} awaiting review, so nothing was synced`,
        `See it with oneroster review --tenant ${error.tenant}; then oneroster approve (or reject) --tenant ${error.tenant} --run ${error.runId}.`,
      ),
      code: EXIT.awaitingReview,
    };
  }
  if (isNotAwaitingReviewError(error)) {
    return {
      message: sentence(
        messageOf(error),
        `oneroster review --tenant ${error.tenant} shows the run that is held, if any.`,
      ),
      code: EXIT.failure,
    };
  }
  if (error instanceof StoreFailure) return { message: error.message, code: EXIT.store };
  if (isStoreError(error)) {
    const store = error.store === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    return { message: new StoreFailure(store, error).message, code: EXIT.store };
  }
  if (isUnbuiltNativeModule(error)) {
    return {
      message:
        'better-sqlite3 is installed but its native module was not built for this Node.js: npm rebuild better-sqlite3',
      code: EXIT.missingDependency,
    };
  }
  const missing = missingModule(error);
  if (missing) {
    return {
      message: `This command needs the optional dependency ${missing}: npm install ${missing}`,
      code: EXIT.missingDependency,
    };
  }
  if (isOneRosterError(error)) return { message: messageOf(error), code: EXIT.failure };
  return { message: messageOf(error), code: EXIT.failure };
}

function missingModule(error: unknown): string | undefined {
  if (isMissingDependencyError(error)) return error.packageName;
  const code = codeOf(error);
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return undefined;
  const match = /['"]((?:@[^/'"]+\/)?[^/'"]+)['"]/.exec(messageOf(error));
  return match?.[1];
}

/** better-sqlite3 found but without its compiled addon (installed with scripts off, or for another Node). */
function isUnbuiltNativeModule(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return /Could not locate the bindings file|better_sqlite3\.node|NODE_MODULE_VERSION/.test(message);
}

/** A write to a closed pipe (`oneroster pull users | head -1`): the reader has what it wanted. */
export function isClosedOutput(error: unknown): boolean {
  return codeOf(error) === 'EPIPE' || (error instanceof Error && error.name === 'OutputClosedError');
}
