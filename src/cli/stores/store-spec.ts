import { isAbsolute, resolve } from 'node:path';
import { UsageError } from '../usage-error.js';

/** Where `--store` says the roster goes. */
export type StoreSpec = { kind: 'sqlite'; path: string } | { kind: 'postgres'; connectionString: string };

/** The default store of `oneroster sync`: a SQLite file in the working directory. */
export const DEFAULT_STORE = 'sqlite:./roster.db';

/**
 * Reads `--store`: `sqlite:PATH` (relative to the working directory) or a `postgres://` /
 * `postgresql://` connection string.
 */
export function parseStoreSpec(text: string, cwd: string): StoreSpec {
  if (text.startsWith('sqlite:')) {
    const path = text.slice('sqlite:'.length);
    if (path === '') throw new UsageError('--store sqlite: needs a file path, e.g. sqlite:./roster.db');
    return { kind: 'sqlite', path: path === ':memory:' || isAbsolute(path) ? path : resolve(cwd, path) };
  }
  if (/^postgres(ql)?:\/\//.test(text)) return { kind: 'postgres', connectionString: text };
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
