import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RosterStore } from '../../sync/roster-store.js';
import { UsageError } from '../usage-error.js';
import type { StoreSpec } from './store-spec.js';

/** better-sqlite3's codes for a file that exists but is not a SQLite database (or is a damaged one). */
const NOT_A_DATABASE_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? Reflect.get(error, 'code') : undefined;
}

/** A `--store sqlite:PATH` that cannot be a database is a mistake in the command line: say which path. */
function checkSqlitePath(path: string): void {
  if (path === ':memory:') return;
  const directory = dirname(path);
  if (!existsSync(directory)) {
    throw new UsageError(`--store: the directory ${directory} does not exist, so ${path} cannot be created`);
  }
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new UsageError(
      `--store: ${path} is a directory; name a database file in it, e.g. ${path}/roster.db`,
    );
  }
}

/**
 * Opens the store. Each driver is an optional peer dependency, loaded only when its store is created:
 * a missing `better-sqlite3` or `pg` surfaces as `MissingDependencyError`, which the CLI reports as a
 * missing optional dependency (exit code 6) instead of failing every command at start-up.
 */
export async function openStore(spec: StoreSpec): Promise<RosterStore> {
  if (spec.kind === 'sqlite') {
    const { createSqliteStore } = await import('../../sqlite/index.js');
    checkSqlitePath(spec.path);
    try {
      return createSqliteStore({ path: spec.path });
    } catch (error) {
      const code = codeOf(error);
      if (typeof code === 'string' && NOT_A_DATABASE_CODES.has(code)) {
        throw new UsageError(`--store: ${spec.path} is not a SQLite database (${code}); name another file`);
      }
      if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code === 'SQLITE_PERM') {
        throw new UsageError(
          `--store: cannot open ${spec.path} for writing (${code}); check its permissions`,
        );
      }
      throw error;
    }
  }
  const { openPostgresStore } = await import('./open-postgres-store.js');
  return openPostgresStore(spec.connectionString, spec.schema);
}
