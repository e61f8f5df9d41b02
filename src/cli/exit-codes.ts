import { isObject } from '../base/is-object.js';
import {
  isAuthenticationError,
  isNetworkError,
  isOneRosterError,
  isPermissionError,
  isTokenError,
} from '../errors/guards.js';
import { isMassDeletionError } from '../sync/mass-deletion-error.js';
import { isMissingDependencyError } from '../sync/store/missing-dependency-error.js';
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
  /** 128 + SIGINT, as shells report a process stopped by Ctrl-C. */
  interrupted: 130,
} as const;

/** The `code` of a Node.js error (`ERR_PARSE_ARGS_…`, `ERR_MODULE_NOT_FOUND`), if it has one. */
function codeOf(error: unknown): unknown {
  return isObject(error) ? error['code'] : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A message a person can act on, and the exit code, for any error a command throws. */
export function describeFailure(error: unknown): { message: string; code: number } {
  if (String(codeOf(error)).startsWith('ERR_PARSE_ARGS')) {
    return { message: `${messageOf(error)}\nRun oneroster --help for usage.`, code: EXIT.usage };
  }
  if (error instanceof UsageError)
    return { message: `${error.message}\nRun oneroster --help for usage.`, code: EXIT.usage };
  if (isTokenError(error) && error.status === undefined) {
    return {
      message: `Cannot reach the token endpoint: ${error.message}\nCheck --token-url and the network.`,
      code: EXIT.unreachable,
    };
  }
  if (isTokenError(error) && (error.status === 429 || (error.status ?? 0) >= 500)) {
    return { message: `The token endpoint failed: ${error.message}\nTry again later.`, code: EXIT.failure };
  }
  if (isTokenError(error) || isAuthenticationError(error)) {
    return {
      message: `The provider refused the credentials: ${error.message}\nCheck --client-id, --client-secret, --token-url and --auth.`,
      code: EXIT.credentials,
    };
  }
  if (isPermissionError(error)) {
    return {
      message: `The credentials lack a scope for this endpoint: ${error.message}`,
      code: EXIT.credentials,
    };
  }
  if (isNetworkError(error)) {
    return {
      message: `Cannot reach the provider: ${error.message}\nCheck --base-url and the network.`,
      code: EXIT.unreachable,
    };
  }
  if (isMassDeletionError(error)) {
    return {
      message: `${error.message}\nNothing was deleted. Re-run with --force-deletions if this is expected.`,
      code: EXIT.massDeletion,
    };
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
  if (isOneRosterError(error)) return { message: error.message, code: EXIT.failure };
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
