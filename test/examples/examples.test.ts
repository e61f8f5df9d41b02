import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { type AppAccounts, applyChanges } from '../../examples/apply-changes.js';
import { importCsvPackage } from '../../examples/csv-import.js';
import { approve, syncForReview } from '../../examples/go-live-review.js';
import { countUsersLoggingEvents } from '../../examples/log-events.js';
import { syncManyDistricts } from '../../examples/many-districts.js';
import { nightlySync } from '../../examples/nightly-delta-sync.js';
import { listTeachers } from '../../examples/oauth1-provider.js';
import { syncDistricts } from '../../examples/postgres-districts.js';
import { pullStudents } from '../../examples/pull-students.js';
import { connectionEnv } from '../../src/cli/mock/connection-env.js';
import { createPostgresStore } from '../../src/postgres/index.js';
import type { WorkerEvent } from '../../src/registry/index.js';
import { createSqliteStore } from '../../src/sqlite/index.js';
import { generateDistrict, type MockServer, startMockServer } from '../../src/testing/index.js';
import { BULK_DISTRICT, writeZip } from '../csv/package-fixtures.js';
import { itWithPostgres } from '../helpers/postgres-url.js';

const servers: MockServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A tiny-district mock and the environment variables the examples read. */
async function mock(auth: 'oauth2' | 'oauth1' = 'oauth2') {
  const server = await startMockServer({
    district: generateDistrict({ preset: 'tiny' }),
    auth: { type: auth },
  });
  servers.push(server);
  return { server, env: connectionEnv(server, auth) };
}

describe('the examples, run against the mock provider', () => {
  it('csv-import: validates, syncs and checks a OneRoster CSV package', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oneroster-example-csv-'));
    try {
      const env = {
        ROSTER_CSV: await writeZip(BULK_DISTRICT),
        ROSTER_DB: join(dir, 'roster.db'),
        TENANT: 'd7',
      };
      const lines = await importCsvPackage(env);
      expect(lines).toContain('full users: +3 ~0 -0');
      expect(lines).toContain('orgs check: 3 matched, 0 differ');
      expect(lines.some((line) => line.startsWith('problem'))).toBe(false);
      expect(await importCsvPackage(env)).toContain('full users: +0 ~0 -0');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('pull-students: every student, with the privacy preset', async () => {
    const { server, env } = await mock();
    const students = await pullStudents(env);
    expect(students).toHaveLength(server.provider.district.shape.students);
    expect(students[0]?.name).toMatch(/\S+ \S+/);
    expect(server.stats.fieldsRequested['users']).not.toContain('password');
    expect(server.stats.fieldsRequested['users']).not.toContain('*');
  });

  it('log-events: a line for every type of event, from a provider that fails, throttles and drifts', async () => {
    const server = await startMockServer({
      district: generateDistrict({ preset: 'tiny' }),
      quirks: { maxPageSize: 10, driftInsertsPerPage: 1 },
      faults: [
        { type: 'serverError', status: 503, path: '/users', nth: 1 },
        { type: 'rateLimit', path: '/users', nth: 3, retryAfterSeconds: 0 },
      ],
    });
    servers.push(server);
    const [first, second] = [0, 1].map(
      (index) => server.provider.district.generate('users', index).sourcedId,
    );
    server.provider.district.mutate.update('users', first ?? '', { role: 'principal' });
    server.provider.district.mutate.update('users', second ?? '', { role: 42 } as never);
    const lines: string[] = [];

    const users = await countUsersLoggingEvents(connectionEnv(server, 'oauth2'), (line) => lines.push(line));

    // Drift makes offset paging skip records, so the count is only a sign that the pull ran.
    expect(users).toBeGreaterThan(0);
    const expected = {
      request: /^oneroster: #\d+ attempt \d+: GET http/,
      response: /^oneroster: #\d+ attempt \d+: 200 in \d+ ms$/,
      retry: /^oneroster: #\d+ retry in \d+ ms after 503$/,
      'rate-limited': /^oneroster: #\d+ throttled: waiting 0 ms/,
      'token-refreshed': /^oneroster: token \(initial\) in \d+ ms, valid for \d+ ms$/,
      'record-quarantined': new RegExp(`^oneroster: users ${second} quarantined: role `),
      'unknown-enum-value': new RegExp(`^oneroster: users ${first}: role = principal, not in the spec$`),
      drift: /^oneroster: users changed during the pull \(total \d+ to \d+\)$/,
    };
    for (const [type, pattern] of Object.entries(expected)) {
      expect(
        lines.some((line) => pattern.test(line)),
        `${type}: ${pattern}`,
      ).toBe(true);
    }
    expect(lines.join('\n')).not.toContain(server.clientSecret);
  });

  it('apply-changes: a worker applies each change once, resuming after the last seq it applied', async () => {
    const { server, env } = await mock();
    const dir = mkdtempSync(join(tmpdir(), 'oneroster-example-'));
    try {
      const settings = { ...env, ROSTER_DB: join(dir, 'roster.db'), TENANT: 'district-7' };
      await nightlySync(settings);
      const store = createSqliteStore({ path: settings.ROSTER_DB });
      const app: AppAccounts = { accounts: new Map(), lastAppliedSeq: 0 };
      try {
        expect(await applyChanges(store, 'district-7', app)).toBe(30);
        expect(app.accounts.size).toBe(30);
        expect(await applyChanges(store, 'district-7', app)).toBe(0);
      } finally {
        await store.close();
      }
      const district = server.provider.district;
      const renamed = district.generate('users', 2).sourcedId;
      const left = district.generate('users', 3).sourcedId;
      district.mutate.update('users', renamed, { username: 'renee.new' });
      district.mutate.tombstone('users', left);
      await nightlySync(settings);
      const reopened = createSqliteStore({ path: settings.ROSTER_DB });
      try {
        expect(await applyChanges(reopened, 'district-7', app)).toBe(2);
      } finally {
        await reopened.close();
      }
      expect(app.accounts.get(renamed)).toEqual({ username: 'renee.new', active: true });
      expect(app.accounts.get(left)?.active).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('nightly-delta-sync: a full sync, then a delta that picks up a change', async () => {
    const { server, env } = await mock();
    const dir = mkdtempSync(join(tmpdir(), 'oneroster-example-'));
    try {
      const settings = { ...env, ROSTER_DB: join(dir, 'roster.db'), TENANT: 'district-7' };
      const first = await nightlySync(settings);
      expect(first.mode).toBe('full');
      expect(first.collections.users?.inserted).toBe(30);
      const user = server.provider.district.generate('users', 2);
      server.provider.district.mutate.update('users', user.sourcedId, { givenName: 'Renée' });
      const second = await nightlySync(settings);
      expect(second.mode).toBe('delta');
      expect(second.collections.users).toMatchObject({ updated: 1, inserted: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('go-live-review: the first sync waits for review with its report, approval commits it, later ones commit', async () => {
    const { server, env } = await mock();
    const dir = mkdtempSync(join(tmpdir(), 'oneroster-example-review-'));
    try {
      const settings = {
        ...env,
        ROSTER_DB: join(dir, 'roster.db'),
        TENANT: 'district-7',
        REPORT_FILE: join(dir, 'review.html'),
      };
      const first = await syncForReview(settings);
      expect(first.result.status).toBe('awaiting-review');
      const html = readFileSync(join(dir, 'review.html'), 'utf8');
      expect(html).not.toContain('<script');
      expect(html).toContain('The run awaiting review');
      const approved = await approve(settings, first.result.runId);
      expect(approved).toMatchObject({ status: 'committed', collections: { users: { inserted: 30 } } });
      const user = server.provider.district.generate('users', 3);
      server.provider.district.mutate.update('users', user.sourcedId, { givenName: 'Inès' });
      const next = await syncForReview(settings);
      expect(next.result.status).toBe('committed');
      expect(next.reportFile).toBeUndefined();
      expect(next.result.collections.users?.updated).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('oauth1-provider: a filtered pull, signed with HMAC-SHA256 and verified by the mock', async () => {
    const { server, env } = await mock('oauth1');
    const teachers = await listTeachers(env);
    expect(teachers).toHaveLength(server.provider.district.shape.teachers);
    expect(server.stats.statuses[401]).toBeUndefined();
  });

  it('many-districts: three districts on one host, their first syncs run by the embedded worker', async () => {
    const { server, env } = await mock();
    const dir = mkdtempSync(join(tmpdir(), 'oneroster-many-'));
    const path = join(dir, 'roster.db');
    const keys = JSON.stringify({ current: 'k1', keys: { k1: randomBytes(32).toString('base64') } });
    try {
      const events: WorkerEvent[] = [];
      const tenants = ['district-1', 'district-2', 'district-3'];
      const summary = await syncManyDistricts(path, { ...env, ONEROSTER_KEYS: keys }, tenants, (e) =>
        events.push(e),
      );
      expect(summary).toEqual({ succeeded: 3, failed: 0, held: 0, interrupted: 0, skipped: 0 });
      expect(
        events
          .filter((e) => e.type === 'run-started')
          .map((e) => e.tenant)
          .sort(),
      ).toEqual(tenants);
      expect(server.stats.maxInFlight).toBeLessThanOrEqual(6);
      const store = createSqliteStore({ path });
      expect(await store.count('district-2', 'users')).toBe(server.provider.district.count('users'));
      await store.close();
      // Run again: nothing is owed until tonight's slot.
      expect(
        await syncManyDistricts(path, { ...env, ONEROSTER_KEYS: keys }, tenants, () => undefined),
      ).toMatchObject({ succeeded: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  itWithPostgres('postgres-districts: two districts into one database', async (postgresUrl) => {
    const first = await mock();
    const second = await mock();
    const schema = `examples_${randomUUID().replaceAll('-', '')}`;
    const store = createPostgresStore({ connectionString: postgresUrl }, { schema });
    const suffix = randomUUID();
    const district = (tenant: string, env: Record<string, string>) => ({
      tenant,
      baseUrl: env['ONEROSTER_BASE_URL'] ?? '',
      tokenUrl: env['ONEROSTER_TOKEN_URL'] ?? '',
      clientId: env['ONEROSTER_CLIENT_ID'] ?? '',
      clientSecretVariable: 'MOCK_SECRET',
    });
    try {
      const outcomes = await syncDistricts(
        store,
        [district(`a-${suffix}`, first.env), district(`b-${suffix}`, second.env)],
        { MOCK_SECRET: first.server.clientSecret },
      );
      for (const outcome of outcomes.values()) expect(outcome).not.toBeInstanceOf(Error);
      expect(await store.count(`b-${suffix}`, 'users')).toBe(30);
    } finally {
      await store.close();
      const admin = new pg.Client({ connectionString: postgresUrl });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    }
  });
});
