import { describe, expect, it } from 'vitest';
import { isProtocolError, isResponseValidationError } from '../../src/index.js';
import type { MockFault } from '../../src/testing/index.js';
import { changeSomeUsers, useReliabilityHarness } from './harness.js';

const { scenario } = useReliabilityHarness();

const RETRIES = 3;

const BODIES: [string, MockFault['type'], string][] = [
  ['malformed JSON', 'malformedJson', 'invalid-json'],
  ['an HTML page with 200', 'htmlPage', 'html-page'],
  ['a 200 with an error envelope', 'errorEnvelope200', 'error-envelope'],
];

describe('a 200 that is not data', () => {
  it.each(BODIES)('retries a page that came back as %s, and completes', async (_, type) => {
    const s = await scenario({
      faults: [{ type, path: '/users', nth: 2 } as MockFault],
      client: { retry: { retries: RETRIES, minDelayMs: 10 } },
    });
    await s.sync();

    expect(s.provider.stats.faults[type]).toBe(1);
    expect(s.eventsOf('retry').map((event) => event.reason)).toEqual(['ProtocolError']);
    expect(s.pageSizes('users')).toEqual([7, 7, 7, 7, 2]);
    expect(await s.storeHash()).toBe(await s.cleanHash());
  });

  it.each(BODIES)(
    'fails with ProtocolError after bounded retries when every page is %s, never reading it as an empty list',
    async (_, type, reason) => {
      const s = await scenario({ client: { retry: { retries: RETRIES, minDelayMs: 10 } } });
      await s.sync();
      const before = await s.storeHash();
      changeSomeUsers(s.district);
      s.provider.addFault({ type, path: '/users', times: Number.POSITIVE_INFINITY } as MockFault);
      const sent = s.exchanges.length;

      const error = await s.syncFailure();
      expect(isProtocolError(error) && error.reason).toBe(reason);
      expect(error).toMatchObject({ collection: 'users' });
      // The first page failed: read as an empty list it would have tripped the deletion guard instead.
      expect(
        s.exchanges.slice(sent).filter((exchange) => exchange.url.pathname.endsWith('/users')),
      ).toHaveLength(RETRIES + 1);
      expect(await s.storeHash()).toBe(before);
    },
  );
});

describe('a record that breaks the schema', () => {
  async function brokenRecordScenario(validation: 'lenient' | 'strict') {
    const s = await scenario({ client: { validation } });
    await s.sync();
    const before = await s.storeHash();
    const ids = [...s.district.records('users')].map((user) => user.sourcedId);
    const broken = ids[4] as string;
    s.district.mutate.update('users', broken, { enabledUser: 'maybe', orgs: 'org-0000000001' });
    s.district.mutate.update('users', ids[20] as string, { username: 'changed-user' });
    return { s, before, broken, changed: ids[20] as string };
  }

  it('lenient: quarantines the record with its paths, counts it, and syncs the rest', async () => {
    const { s, broken, changed } = await brokenRecordScenario('lenient');
    const stored = await s.store.get('district-7', 'users', broken);
    const result = await s.sync();

    expect(result.collections.users?.quarantined).toBe(1);
    // One unreadable record must not retire anything: it may be a student who is still there.
    expect(result.collections.users?.tombstoned).toBe(0);
    expect(s.eventsOf('record-quarantined')).toEqual([
      {
        type: 'record-quarantined',
        collection: 'users',
        sourcedId: broken,
        issues: [
          { path: 'enabledUser', code: 'invalid_type' },
          { path: 'orgs', code: 'invalid_type' },
        ],
      },
    ]);
    expect(await s.store.get('district-7', 'users', broken)).toEqual(stored);
    expect(await s.store.get('district-7', 'users', changed)).toMatchObject({ username: 'changed-user' });
    expect(await s.store.count('district-7', 'users', { status: 'active' })).toBe(30);
  });

  it('strict: fails the pull with ResponseValidationError and changes nothing', async () => {
    const { s, before, broken } = await brokenRecordScenario('strict');
    const error = await s.syncFailure();

    expect(isResponseValidationError(error)).toBe(true);
    expect(error).toMatchObject({ collection: 'users', sourcedId: broken });
    expect(await s.storeHash()).toBe(before);
  });
});
