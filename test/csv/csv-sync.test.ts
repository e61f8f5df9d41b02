import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openCsvPackage, writeCsvPackage } from '../../src/csv/index.js';
import {
  isMassDeletionError,
  type RosterStore,
  type SyncCollectionName,
  syncRoster,
} from '../../src/sync/index.js';
import { itWithPostgres } from '../helpers/postgres-url.js';
import {
  memoryHarness,
  postgresHarness,
  type StoreHarness,
  type StoreHarnessFactory,
  sqliteHarness,
} from '../sync/store-harness.js';
import { BULK_DISTRICT, cleanup, manifest, tempDir, writeDir, writeZip } from './package-fixtures.js';

afterAll(cleanup);

const COLLECTIONS: readonly SyncCollectionName[] = [
  'orgs',
  'academicSessions',
  'courses',
  'classes',
  'users',
  'enrollments',
];

async function all(store: RosterStore, tenant: string, collection: string) {
  const records: unknown[] = [];
  for await (const record of store.iterate(tenant, collection)) records.push(record);
  return records;
}

async function syncPackage(
  store: RosterStore,
  tenant: string,
  path: string,
  options: { fields?: 'minimal'; deletionGuard?: false } = {},
) {
  const source = await openCsvPackage(path);
  try {
    return await syncRoster({ source, store, tenant, ...options });
  } finally {
    await source.close();
  }
}

const USERS_HEADER = BULK_DISTRICT['users.csv']?.split('\n')[0] ?? '';

/** The scenarios every store runs: the same file, the same outcome. */
async function scenarios(harness: StoreHarness): Promise<void> {
  const store = harness.open();
  try {
    const bulk = await writeDir(BULK_DISTRICT);
    const first = await syncPackage(store, 't1', bulk);
    expect(first.mode).toBe('full');
    expect(first.collections.users).toMatchObject({ inserted: 3, quarantined: 0 });
    expect(first.collections.enrollments).toMatchObject({ inserted: 3 });
    const stored = await store.get('t1', 'users', 'u1');
    expect(stored).toMatchObject({ password: 'secret1', orgs: [{ sourcedId: 's1', type: 'org' }] });
    expect(stored).not.toHaveProperty('dateLastModified');

    // The same package again changes nothing.
    const again = await syncPackage(store, 't1', await writeZip(BULK_DISTRICT));
    for (const collection of COLLECTIONS) {
      expect(again.collections[collection]).toMatchObject({ inserted: 0, updated: 0, tombstoned: 0 });
    }

    // `minimal` applies to files: the password column is not stored.
    await syncPackage(store, 't-minimal', bulk, { fields: 'minimal' });
    expect(await store.get('t-minimal', 'users', 'u1')).not.toHaveProperty('password');

    // A bulk package that drops a third of the users trips the deletion guard; nothing changes.
    const shrunk = {
      ...BULK_DISTRICT,
      'users.csv': BULK_DISTRICT['users.csv']?.split('\n').slice(0, 3).join('\n') ?? '',
    };
    const refused = await syncPackage(store, 't1', await writeDir(shrunk)).catch((error: unknown) => error);
    expect(isMassDeletionError(refused)).toBe(true);
    expect(await store.count('t1', 'users', { status: 'active' })).toBe(3);

    // A delta package upserts and tombstones (one of three users: past the guard, accepted here), and
    // leaves the files it does not supply as they are.
    const delta = {
      'manifest.csv': manifest({ users: 'delta' }),
      'users.csv': [
        USERS_HEADER,
        'u3,tobedeleted,2026-02-01T00:00:00Z,true,s1,student,cdoe,,Cy,Doe,,S3,,,,,,',
        'u4,active,2026-02-01,true,s2,student,dnew,,Di,New,,S4,,,,,,',
      ].join('\r\n'),
    };
    const applied = await syncPackage(store, 't1', await writeDir(delta), { deletionGuard: false });
    expect(applied.mode).toBe('delta');
    expect(Object.keys(applied.collections)).toEqual(['users']);
    expect(applied.collections.users).toMatchObject({ inserted: 1, tombstoned: 1 });
    expect(await store.get('t1', 'users', 'u3')).toMatchObject({ status: 'tobedeleted' });
    expect(await store.count('t1', 'orgs')).toBe(3);

    // Export, then import into a fresh tenant: the same records.
    for (const to of [join(await tempDir(), 'roster.zip'), join(await tempDir(), 'out')]) {
      const fresh = `t-copy-${to.endsWith('.zip') ? 'zip' : 'dir'}`;
      const written = await writeCsvPackage(store, 't1', { to, mode: 'bulk' });
      expect(written.rows.users).toBe(3);
      await syncPackage(store, fresh, to);
      for (const collection of COLLECTIONS) {
        const original = (await all(store, 't1', collection)).filter(
          (record) => (record as { status: string }).status === 'active',
        );
        expect(await all(store, fresh, collection)).toEqual(original);
      }
    }

    // A delta package from the change log: what changed after a copy was made reaches the copy.
    const copied = await writeCsvPackage(store, 't1', { to: join(await tempDir(), 'base'), mode: 'bulk' });
    await syncPackage(store, 't-delta-copy', copied.path);
    const nothing = await writeCsvPackage(store, 't1', {
      to: join(await tempDir(), 'empty'),
      mode: 'delta',
      since: Number.MAX_SAFE_INTEGER,
    });
    expect(nothing.rows.users).toBe(0);
    const since =
      (await writeCsvPackage(store, 't1', { to: join(await tempDir(), 'all'), mode: 'delta' })).lastSeq ?? 0;
    expect(since).toBeGreaterThan(0);
    await syncPackage(
      store,
      't1',
      await writeDir({
        'manifest.csv': manifest({ users: 'delta' }),
        'users.csv': [
          USERS_HEADER,
          'u1,active,2026-03-01,true,s1,student,adoe,,Ann,Renamed,,S1,,,,,,',
          'u4,tobedeleted,2026-03-01,true,s2,student,dnew,,Di,New,,S4,,,,,,',
          'u5,active,2026-03-01,true,s2,student,enew,,Ed,New,,S5,,,,,,',
        ].join('\r\n'),
      }),
      { deletionGuard: false },
    );
    const zip = join(await tempDir(), 'delta.zip');
    const deltaOut = await writeCsvPackage(store, 't1', { to: zip, mode: 'delta', since });
    expect(deltaOut.rows).toMatchObject({ users: 3, orgs: 0, enrollments: 0 });
    expect(deltaOut.lastSeq).toBeGreaterThan(since);
    const reimported = await syncPackage(store, 't-delta-copy', zip, { deletionGuard: false });
    expect(reimported.mode).toBe('delta');
    expect(reimported.collections.users).toMatchObject({ inserted: 1, updated: 1, tombstoned: 1 });
    for (const id of ['u1', 'u4', 'u5']) {
      expect(await store.get('t-delta-copy', 'users', id)).toEqual(await store.get('t1', 'users', id));
    }
  } finally {
    await harness.cleanup();
  }
}

function run(factory: StoreHarnessFactory) {
  return () => scenarios(factory());
}

describe('a CSV package as a sync source', () => {
  it('syncs, re-imports, guards, applies deltas and round-trips on the memory store', run(memoryHarness));
  it('syncs, re-imports, guards, applies deltas and round-trips on SQLite', run(sqliteHarness));
  itWithPostgres('syncs, re-imports, guards, applies deltas and round-trips on PostgreSQL', async (url) => {
    const admin = new pg.Pool({ connectionString: url, max: 1 });
    try {
      await scenarios(postgresHarness(url, admin, 'csv_sync')());
    } finally {
      await admin.end();
    }
  });

  it('refuses a delta export from a `since` that is not a change-log seq', async () => {
    const harness = memoryHarness();
    const error = await writeCsvPackage(harness.open(), 't1', {
      to: join(await tempDir(), 'd'),
      mode: 'delta',
      since: -1,
    }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(TypeError);
    expect(String(error)).toContain('change-log seq');
  });
});
