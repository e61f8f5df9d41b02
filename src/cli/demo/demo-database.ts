import { existsSync, rmSync } from 'node:fs';
import { UsageError } from '../usage-error.js';

/** The tenant the demo syncs into; a database holding only this tenant is the demo's own. */
export const DEMO_TENANT = 'demo';

/** SQLite's companion files of a WAL database, removed with it. */
const COMPANION_SUFFIXES = ['', '-wal', '-shm', '-journal'];

/** True when the file is a roster database that holds nothing but the demo's tenant. */
async function isDemoDatabase(path: string): Promise<boolean> {
  const { default: Database } = await import('better-sqlite3');
  let db: InstanceType<typeof Database> | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const rows = db
      .prepare<[], { tenant: string }>(
        'SELECT DISTINCT tenant FROM roster_runs UNION SELECT DISTINCT tenant FROM roster_records',
      )
      .all();
    return rows.every((row) => row.tenant === DEMO_TENANT);
  } catch {
    // Not SQLite, or SQLite without the roster tables: someone else's file.
    return false;
  } finally {
    db?.close();
  }
}

/**
 * Makes room for a fresh demo database, so the demo can run again and again. A database left by an
 * earlier demo is replaced; any other file is kept unless `force`, since it may be a real roster.
 * @returns whether a file was replaced
 */
export async function prepareDemoDatabase(path: string, force: boolean): Promise<boolean> {
  if (!existsSync(path)) return false;
  if (!force && !(await isDemoDatabase(path))) {
    throw new UsageError(
      `${path} exists and is not a database of an earlier demo; pass --force to replace it, or --db OTHER.db`,
    );
  }
  for (const suffix of COMPANION_SUFFIXES) rmSync(`${path}${suffix}`, { force: true });
  return true;
}
