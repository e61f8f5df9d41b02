import { createRequire } from 'node:module';
import { MissingDependencyError } from './missing-dependency-error.js';

/**
 * The stores' drivers are optional peers, so an entry point must load without them: a static import
 * would fail the whole `import 'oneroster/sqlite'` with Node's bare ERR_MODULE_NOT_FOUND. Both are
 * CommonJS packages, so a `require` from this file loads them synchronously when a store is created
 * (`createSqliteStore` is synchronous), from where a static import would have found them.
 */
const requireFromHere = createRequire(import.meta.url);

/** True when `error` says that `packageName` itself is missing, not a file or dependency inside it. */
function isMissing(error: unknown, packageName: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code: unknown = Reflect.get(error, 'code');
  const message: unknown = Reflect.get(error, 'message');
  return (
    code === 'MODULE_NOT_FOUND' &&
    typeof message === 'string' &&
    message.startsWith(`Cannot find module '${packageName}'`)
  );
}

/**
 * Loads a store's driver, or throws {@link MissingDependencyError} naming the package to install.
 * `Driver` is the type of the package's `module.exports` (`typeof import('pg')`).
 */
export function loadDriver<Driver>(packageName: 'better-sqlite3' | 'pg', entryPoint: string): Driver {
  try {
    return requireFromHere(packageName);
  } catch (error) {
    if (isMissing(error, packageName))
      throw new MissingDependencyError({ packageName, entryPoint }, { cause: error });
    throw error;
  }
}

/**
 * The absolute path of a driver {@link loadDriver} loaded, for a worker thread that must load the same
 * copy: a thread's bare `require` resolves from the process's working directory, not from here.
 */
export function resolveDriverPath(packageName: 'better-sqlite3' | 'pg'): string {
  return requireFromHere.resolve(packageName);
}
