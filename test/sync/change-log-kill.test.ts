import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStore } from '../../src/postgres/index.js';
import { createSqliteStore } from '../../src/sqlite/index.js';
import { DEFAULT_SYNC_COLLECTIONS, type RosterStore, syncRoster } from '../../src/sync/index.js';
import { generateDistrict, startMockServer } from '../../src/testing/index.js';
import {
  comparableChanges,
  differenceOf,
  readAllChanges,
  snapshotStore,
} from '../../src/testing/store-contract/store-difference.js';
import { DIST, requireBuilt } from '../helpers/built-package.js';
import { reachedKillPoint } from '../helpers/kill-child.js';
import { itWithPostgres } from '../helpers/postgres-url.js';
import { mockClient, TENANT } from './sync-helpers.js';

const CHILD = fileURLToPath(new URL('./child-sync-store.mjs', import.meta.url));

/** A store the child and this process both open: its kind, where it is, and a way to open it here. */
interface SharedStore {
  kind: 'sqlite' | 'postgres';
  where: string;
  schema: string;
  open(): RosterStore;
}

/**
 * Seeds the store with a full sync, changes the district, runs a full sync in a child killed with
 * SIGKILL midway through users (after the collections before it committed), resumes it here, and
 * checks that the change records after the seed are exactly the difference of the store.
 */
async function killAndCompare(shared: SharedStore): Promise<void> {
  const district = generateDistrict({ preset: 'tiny', studentsPerSchool: 100 });
  const server = await startMockServer({ district, auth: { type: 'none' } });
  try {
    const seeding = shared.open();
    await syncRoster({ client: mockClient(server.baseUrl), store: seeding, tenant: TENANT, mode: 'full' });
    await seeding.close();

    const users = [...district.records('users')].map((user) => user.sourcedId);
    const orgs = [...district.records('orgs')].map((org) => org.sourcedId);
    district.mutate.update('orgs', orgs[1]!, { name: 'Renamed School' });
    district.mutate.update('users', users[4]!, { givenName: 'Changed' });
    district.mutate.tombstone('users', users[7]!);
    district.mutate.delete('users', users[9]!);
    district.mutate.insert('users');

    const reading = shared.open();
    const before = await snapshotStore(reading, TENANT, DEFAULT_SYNC_COLLECTIONS);
    const seeded = (await readAllChanges(reading, TENANT)).at(-1)?.seq ?? 0;
    await reading.close();

    const child = spawn(
      process.execPath,
      [CHILD, DIST, server.baseUrl, shared.kind, shared.where, shared.schema, TENANT],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, ONEROSTER_KILL_AT: JSON.stringify({ collection: 'users', pages: 3 }) },
      },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      await reachedKillPoint(child);
      child.kill('SIGKILL');
      await exited;
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }

    const store = shared.open();
    try {
      const logged = await readAllChanges(store, TENANT, seeded);
      // The killed run committed the orgs change before it died, in the commit's transaction.
      expect(logged.some((change) => change.collection === 'orgs' && change.op === 'update')).toBe(true);
      const resumed = await syncRoster({
        client: mockClient(server.baseUrl),
        store,
        tenant: TENANT,
        mode: 'full',
      });
      expect(resumed.resumed).toBe(true);
      const after = await snapshotStore(store, TENANT, DEFAULT_SYNC_COLLECTIONS);
      const changes = await readAllChanges(store, TENANT, seeded);
      expect(changes.map((change) => change.seq)).toEqual(changes.map((_, index) => seeded + 1 + index));
      expect(comparableChanges(changes)).toEqual(differenceOf(before, after));
      expect(new Set(changes.map((change) => change.runId))).toEqual(new Set([resumed.runId]));
      expect(changes.map((change) => [change.sourcedId, change.op])).toEqual(
        expect.arrayContaining([
          [users[4], 'update'],
          [users[7], 'tombstone'],
          [users[9], 'tombstone'],
        ]),
      );
    } finally {
      await store.close();
    }
  } finally {
    await server.close();
  }
}

describe('the change log of a sync killed with SIGKILL and resumed', () => {
  // The child runs the built package: test/setup/build.ts rebuilds a stale dist/, ONEROSTER_DIST names another.
  beforeAll(() => requireBuilt('index.js', 'sync.js', 'sqlite.js', 'postgres.js'));
  const dir = mkdtempSync(join(tmpdir(), 'oneroster-changes-kill-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('on SQLite holds each change once, equal to the difference of the store', async () => {
    const path = join(dir, 'roster.db');
    await killAndCompare({
      kind: 'sqlite',
      where: path,
      schema: '',
      open: () => createSqliteStore({ path }),
    });
  });

  itWithPostgres(
    'on PostgreSQL holds each change once, equal to the difference of the store',
    async (url) => {
      const schema = `changes_kill_${randomBytes(6).toString('hex')}`;
      try {
        await killAndCompare({
          kind: 'postgres',
          where: url,
          schema,
          open: () => createPostgresStore({ connectionString: url }, { schema }),
        });
      } finally {
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await admin.end();
      }
    },
  );
});
