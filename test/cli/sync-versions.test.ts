import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectionEnv } from '../../src/cli/mock/connection-env.js';
import { createSqliteStore } from '../../src/sqlite/index.js';
import { generateDistrict, type MockServer, startMockServer } from '../../src/testing/index.js';
import { providerRoster } from '../helpers/provider-roster.js';
import { normaliseRoster, storedRoster } from '../sync/versions/versions-kit.js';
import { runMain } from './run-main.js';

let dir: string;
const servers: MockServer[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'oneroster-cli-versions-'));
});
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const path = () => join(dir, 'roster.db');

async function serve(options: Parameters<typeof startMockServer>[0]) {
  const server = await startMockServer(options);
  servers.push(server);
  return { server, env: connectionEnv(server, 'oauth2') };
}

const sync = (env: Record<string, string>, ...args: string[]) =>
  runMain(['sync', '--store', `sqlite:${path()}`, '--tenant', 'd7', ...args], env);

/** What the CLI stored for tenant d7. */
async function stored() {
  const store = createSqliteStore({ path: path() });
  try {
    return { roster: await storedRoster(store, 'd7'), last: await store.lastFullSync('d7') };
  } finally {
    await store.close();
  }
}

describe("oneroster sync on Ed-Fi's OneRoster 1.2 server", () => {
  it('syncs the district with the default flags and --oneroster-version 1.2, then a delta', async () => {
    const district = generateDistrict({ preset: 'tiny', seed: 51 });
    const { server, env } = await serve({ district, profile: 'edfi' });
    const first = await sync(env, '--oneroster-version', '1.2');
    expect(first.stderr).not.toContain('oneroster:');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Finished a full sync');
    const { roster, last } = await stored();
    expect(last?.version).toBe('1.2');
    expect(roster.users[0]).toHaveProperty('roles');
    expect(normaliseRoster(roster)).toEqual(normaliseRoster(providerRoster(district, { fields: 'minimal' })));
    // The minimal preset of 1.2, which Ed-Fi's 400-on-unknown-fields accepts.
    expect(server.stats.fieldsRequested['users']).toContain('roles');
    expect(server.stats.statuses[400]).toBeUndefined();

    const second = await sync({ ...env, ONEROSTER_VERSION: '1.2' }, '--json');
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ mode: 'delta', version: '1.2' });
  });

  it('syncs the district with --validation strict too, every 1.2 record accepted', async () => {
    const district = generateDistrict({ preset: 'tiny', seed: 52 });
    const { server, env } = await serve({ district, profile: 'edfi' });
    const result = await sync(env, '--oneroster-version', '1.2', '--validation', 'strict', '--json');
    expect(result.stderr).not.toContain('oneroster:');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as {
      mode: string;
      collections: Record<string, { quarantined?: number }>;
    };
    expect(summary.mode).toBe('full');
    const { roster, last } = await stored();
    expect(last?.version).toBe('1.2');
    expect(normaliseRoster(roster)).toEqual(normaliseRoster(providerRoster(district, { fields: 'minimal' })));
    expect(server.stats.statuses[400]).toBeUndefined();
  });

  it('fails a strict sync on a record that breaks the schema, where lenient quarantines it', async () => {
    const district = generateDistrict({ preset: 'tiny', seed: 53 });
    const broken = district.generate('users', 2);
    district.mutate.update('users', broken.sourcedId, { dateLastModified: 'yesterday' });
    const { env } = await serve({ district, profile: 'edfi' });
    const strict = await sync(env, '--oneroster-version', '1.2', '--validation', 'strict');
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('users');
    expect((await stored()).last).toBeUndefined();
    const lenient = await sync(env, '--oneroster-version', '1.2', '--json');
    expect(lenient.code).toBe(0);
    const { roster } = await stored();
    expect(roster.users.some((user) => user.sourcedId === broken.sourcedId)).toBe(false);
    const usage = await sync(env, '--oneroster-version', '1.2', '--validation', 'picky');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--validation must be lenient or strict, not picky');
  });

  it('refuses a 1.2 base URL without --oneroster-version 1.2, and a version it does not know', async () => {
    const { env } = await serve({ district: generateDistrict({ preset: 'tiny' }), profile: 'edfi' });
    const without = await sync(env);
    expect(without.code).toBe(2);
    expect(without.stderr).toContain('pass --oneroster-version 1.2 (or ONEROSTER_VERSION=1.2)');
    const unknown = await sync({ ...env, ONEROSTER_VERSION: '1.3' });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('ONEROSTER_VERSION must be 1.1 or 1.2, not 1.3');
    const wrong = await sync({ ...env, ONEROSTER_VERSION: '1.2' }, '--oneroster-version', '1.1');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('a OneRoster 1.2 path, but --oneroster-version is 1.1');
  });
});

describe('oneroster sync --version-switch', () => {
  /** Infinite Campus: one district as 1.1, and as 1.2 with re-keyed sourcedIds. */
  async function campus(rekeyLink?: 'omit') {
    const district = generateDistrict({ preset: 'tiny', seed: 52 });
    const v1p1 = await serve({ district });
    const v1p2 = await serve({
      district,
      version: '1.2',
      quirks: { rekeySourcedIds: true, ...(rekeyLink ? { rekeyLink } : {}) },
    });
    expect((await sync(v1p1.env)).code).toBe(0);
    return { v1p1, v1p2: { ...v1p2, env: { ...v1p2.env, ONEROSTER_VERSION: '1.2' } } };
  }

  it('stops a tenant synced as 1.1 from syncing as 1.2 until --version-switch allow', async () => {
    const { v1p2 } = await campus();
    const before = await stored();
    const refused = await sync(v1p2.env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      'tenant "d7" was synced with OneRoster 1.1 and --oneroster-version is 1.2; nothing was synced',
    );
    expect(refused.stderr).toContain('--version-switch allow');
    expect(await stored()).toEqual(before);

    const switched = await sync(v1p2.env, '--version-switch', 'allow');
    expect(switched.code).toBe(0);
    const records = Object.values(before.roster).reduce((sum, records) => sum + records.length, 0);
    expect(switched.stderr).toContain(
      `Tenant "d7" switched from OneRoster 1.1 to 1.2; ${records} records re-keyed`,
    );
    const after = await stored();
    expect(after.last?.version).toBe('1.2');
    expect(after.roster.users.map((user) => user.sourcedId)).toEqual(
      before.roster.users.map((user) => `ic12-${user.sourcedId}`),
    );
    expect(after.roster.users.every((user) => user.status === 'active')).toBe(true);
  });

  it('stops a re-keyed switch without the link with exit code 5, changing nothing', async () => {
    const { v1p2 } = await campus('omit');
    const before = await stored();
    const refused = await sync(v1p2.env, '--version-switch', 'allow');
    expect(refused.code).toBe(5);
    expect(refused.stderr).toContain('re-keyed their sourcedIds');
    expect(await stored()).toEqual(before);
  });

  it('refuses a --version-switch it does not know', async () => {
    const refused = await runMain(['sync', '--version-switch', 'maybe']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--version-switch must be allow or refuse');
  });
});

describe('oneroster pull --oneroster-version 1.2', () => {
  it('streams 1.2 users with the 1.2 minimal preset, and checks --fields against 1.2', async () => {
    const { env } = await serve({ district: generateDistrict({ preset: 'tiny' }), profile: 'edfi' });
    const v1p2 = { ...env, ONEROSTER_VERSION: '1.2' };
    const pulled = await runMain(['pull', 'users', '--quiet'], v1p2);
    expect(pulled.code).toBe(0);
    const users = pulled.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(users).toHaveLength(30);
    expect(users[0]).toHaveProperty('roles');
    expect(users[0]).not.toHaveProperty('role');

    const csv = await runMain(['pull', 'users', '--format', 'csv', '--max', '1', '--quiet'], v1p2);
    expect(csv.stdout.split('\n')[0]).toContain('roles');
    expect(csv.stdout.split('\n')[0]).not.toContain('orgs');

    const refused = await runMain(['pull', 'users', '--fields', 'sourcedId,role', '--quiet'], v1p2);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--fields: users have no field role in OneRoster 1.2');
  });
});
