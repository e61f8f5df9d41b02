import type { RosterStore } from '../../sync/roster-store.js';

/**
 * Opens the PostgreSQL store (tables in the `oneroster` schema or the one `?schema=` names, created on first use). A module of its
 * own, loaded only for a `postgres://` store, so that `pg` is never loaded for SQLite.
 */
export async function openPostgresStore(connectionString: string, schema?: string): Promise<RosterStore> {
  const { createPostgresStore } = await import('../../postgres/index.js');
  return createPostgresStore({ connectionString }, schema === undefined ? {} : { schema });
}
