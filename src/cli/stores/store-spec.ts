import { isAbsolute, resolve } from 'node:path';
import { UsageError } from '../usage-error.js';

/** Where `--store` says the roster goes. */
export type StoreSpec =
  | { kind: 'sqlite'; path: string }
  | { kind: 'postgres'; connectionString: string; schema?: string };

/** A PostgreSQL schema name the store can quote: what `?schema=` may say. */
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * A `postgres://` store. `?schema=NAME` picks the schema of the tables (default `oneroster`), so one
 * database can hold the rosters of several environments; it is taken out of the connection string
 * because pg would pass it to the server as a setting.
 */
function parsePostgresSpec(text: string): StoreSpec {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError('--store: the postgres:// connection string is not a valid URL');
  }
  const schema = url.searchParams.get('schema');
  if (schema === null) return { kind: 'postgres', connectionString: text };
  if (!SCHEMA_NAME.test(schema)) {
    throw new UsageError(
      `--store: ?schema=${schema} is not a schema name (letters, digits and _, not starting with a digit)`,
    );
  }
  url.searchParams.delete('schema');
  return { kind: 'postgres', connectionString: url.toString(), schema };
}

/** The default store of `oneroster sync`: a SQLite file in the working directory. */
export const DEFAULT_STORE = 'sqlite:./roster.db';

/**
 * Reads `--store`: `sqlite:PATH` (relative to the working directory) or a `postgres://` /
 * `postgresql://` connection string, with `?schema=NAME` for another schema than `oneroster`.
 */
export function parseStoreSpec(text: string, cwd: string): StoreSpec {
  if (text.startsWith('sqlite:')) {
    const path = text.slice('sqlite:'.length);
    if (path === '') throw new UsageError('--store sqlite: needs a file path, e.g. sqlite:./roster.db');
    return { kind: 'sqlite', path: path === ':memory:' || isAbsolute(path) ? path : resolve(cwd, path) };
  }
  if (/^postgres(ql)?:\/\//.test(text)) return parsePostgresSpec(text);
  throw new UsageError('--store must be sqlite:PATH or a postgres:// connection string');
}

/** The store for messages: a connection string without its password. */
export function describeStore(spec: StoreSpec): string {
  if (spec.kind === 'sqlite') return `SQLite ${spec.path}`;
  try {
    const url = new URL(spec.connectionString);
    if (url.password !== '') url.password = '***';
    return `PostgreSQL ${url.toString()}`;
  } catch {
    return 'PostgreSQL';
  }
}
