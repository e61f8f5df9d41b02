import type { RosterStore } from '../../sync/roster-store.js';
import type { StoreSpec } from './store-spec.js';

/**
 * Opens the store. Each driver is an optional peer dependency, loaded only when its store is created:
 * a missing `better-sqlite3` or `pg` surfaces as `MissingDependencyError`, which the CLI reports as a
 * missing optional dependency (exit code 6) instead of failing every command at start-up.
 */
export async function openStore(spec: StoreSpec): Promise<RosterStore> {
  if (spec.kind === 'sqlite') {
    const { createSqliteStore } = await import('../../sqlite/index.js');
    return createSqliteStore({ path: spec.path });
  }
  const { openPostgresStore } = await import('./open-postgres-store.js');
  return openPostgresStore(spec.connectionString);
}
