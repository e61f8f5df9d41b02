import { createRequire } from 'node:module';
import type { CopyStreamQuery } from 'pg-copy-streams';
import { MissingDependencyError } from '../sync/store/missing-dependency-error.js';

/** pg-copy-streams' `from`: a `COPY … FROM STDIN` to pass to `client.query`. */
export type CopyFrom = (sql: string) => CopyStreamQuery;

const PACKAGE = 'pg-copy-streams';

/** Loaded with `require`, as `loadDriver` loads pg: the entry point must load without its peers. */
const requireFromHere = createRequire(import.meta.url);

function isMissing(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const message: unknown = Reflect.get(error, 'message');
  return (
    Reflect.get(error, 'code') === 'MODULE_NOT_FOUND' &&
    typeof message === 'string' &&
    message.startsWith(`Cannot find module '${PACKAGE}'`)
  );
}

/**
 * pg-copy-streams, the store's staging path (an optional peer dependency like pg), or
 * `MissingDependencyError` naming it.
 */
export function loadCopyFrom(): CopyFrom {
  try {
    const copyStreams: typeof import('pg-copy-streams') = requireFromHere(PACKAGE);
    return copyStreams.from;
  } catch (error) {
    if (isMissing(error))
      throw new MissingDependencyError(
        { packageName: PACKAGE, entryPoint: 'oneroster/postgres' },
        { cause: error },
      );
    throw error;
  }
}
