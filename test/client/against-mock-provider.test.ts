import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createOneRosterClient,
  filter,
  type OneRosterEvent,
  oauth1,
  oauth2ClientCredentials,
} from '../../src/index.js';
import { generateDistrict, type MockQuirks } from '../../src/testing/index.js';
import { createMockProvider } from '../../src/testing/msw.js';

// One district, one msw server; each test installs the provider configuration it needs.
const district = generateDistrict({ preset: 'tiny', seed: 7 });
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function provide(options: Parameters<typeof createMockProvider>[0] = {}) {
  const provider = createMockProvider({ district, ...options });
  server.use(...provider.handlers);
  return provider;
}

function clientFor(provider: ReturnType<typeof createMockProvider>, events: OneRosterEvent[] = []) {
  return createOneRosterClient({
    baseUrl: provider.baseUrl,
    auth: oauth2ClientCredentials({
      tokenUrl: provider.tokenUrl ?? '',
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
    }),
    pageSize: 1_000,
    onEvent: (event) => events.push(event),
  });
}

async function ids(iterable: AsyncIterable<{ sourcedId?: string }>): Promise<string[]> {
  const seen: string[] = [];
  for await (const record of iterable) seen.push(record.sourcedId ?? '');
  return seen;
}

const allUserIds = [...district.records('users')].map((user) => user.sourcedId).sort();

describe('every record arrives, whatever the provider does', () => {
  const cases: [string, MockQuirks][] = [
    ['a page-size clamp of 37', { maxPageSize: 37 }],
    ['no X-Total-Count and no Link', { totalCount: 'omit', link: 'omit', maxPageSize: 37 }],
    ['a Link without angle brackets', { link: 'noAngleBrackets', maxPageSize: 37 }],
    ['a Link with trailing commas', { link: 'trailingComma', maxPageSize: 37 }],
    ['a relative Link', { link: 'relative', maxPageSize: 37 }],
    ['a next Link that drops the query', { link: 'nextDropsQuery', maxPageSize: 37 }],
    ['a negative X-Total-Count', { totalCount: 'negative', maxPageSize: 37 }],
    ['a random X-Total-Count', { totalCount: 'random', maxPageSize: 37 }],
    ['a bare array instead of an envelope', { bareArray: true, maxPageSize: 37 }],
  ];

  it.each(cases)('%s', async (_name, quirks) => {
    const provider = provide({ quirks });
    const pulled = await ids(clientFor(provider).users.list());
    expect(pulled.sort()).toEqual(allUserIds);
  });

  it('halves the page size on a 413', async () => {
    const provider = provide({ quirks: { rejectLimitAbove: 100 } });
    const pull = clientFor(provider).users.list();
    expect((await ids(pull)).sort()).toEqual(allUserIds);
    expect(pull.summary.pageSize).toBeLessThanOrEqual(100);
  });

  it('records inserted ahead of the cursor: nothing lost, no duplicates, drift reported', async () => {
    const local = generateDistrict({ preset: 'tiny', seed: 8 });
    const provider = createMockProvider({
      district: local,
      quirks: { driftInsertsPerPage: 2, maxPageSize: 20 },
    });
    server.use(...provider.handlers);
    const before = [...local.records('users')].map((user) => user.sourcedId);
    const events: OneRosterEvent[] = [];
    const pull = clientFor(provider, events).users.list();
    const pulled = await ids(pull);
    expect(new Set(pulled).size).toBe(pulled.length);
    expect(pulled).toEqual(expect.arrayContaining(before));
    expect(pull.summary.drift).toBeDefined();
    expect(events.some((event) => event.type === 'drift')).toBe(true);
  });
});

describe('deviations are normalised', () => {
  it.each(['string', 'boolean', 'upperCase'] as const)('booleans sent as %s', async (booleans) => {
    const provider = provide({ quirks: { booleans } });
    const users = await clientFor(provider).users.list().toArray({ maxItems: 10_000 });
    expect(users.every((user) => typeof user.enabledUser === 'boolean')).toBe(true);
    const enrollments = await clientFor(provider).enrollments.list().toArray({ maxItems: 100_000 });
    expect(
      enrollments
        .filter((enrollment) => enrollment.primary !== undefined)
        .every((e) => typeof e.primary === 'boolean'),
    ).toBe(true);
  });

  it('null optional fields become absent, and no record is quarantined', async () => {
    const provider = provide({ quirks: { nullOptionalFields: true } });
    const pull = clientFor(provider).users.list();
    const users = await pull.toArray({ maxItems: 10_000 });
    expect(pull.summary.quarantined).toBe(0);
    expect(users.some((user) => Object.values(user).some((value: unknown) => value === null))).toBe(false);
  });

  it('1.2-style users get role and orgs', async () => {
    const provider = provide({ quirks: { usersAsV1p2: true } });
    const users = await clientFor(provider).users.list().toArray({ maxItems: 10_000 });
    expect(users.length).toBe(allUserIds.length);
    expect(users.every((user) => typeof user.role === 'string' && user.orgs.length > 0)).toBe(true);
  });

  it('GET /orgs/{id} answered as {"school": ...}', async () => {
    const provider = provide({ quirks: { schoolEnvelope: true } });
    const school = [...district.records('orgs')].find((org) => org.type === 'school');
    const org = await clientFor(provider).orgs.get(school?.sourcedId ?? '');
    expect(org.type).toBe('school');
  });
});

describe('queries reach the provider as the spec writes them', () => {
  it('a filtered, projected read returns what the filter selects, with only those fields', async () => {
    const provider = provide();
    const students = await clientFor(provider)
      .users.list({ filter: filter.eq('role', 'student'), fields: ['sourcedId', 'role', 'givenName'] })
      .toArray({ maxItems: 10_000 });
    const expected = [...district.records('users')].filter((user) => user.role === 'student').length;
    expect(students).toHaveLength(expected);
    expect(students.every((student) => student.role === 'student' && Object.keys(student).length === 3)).toBe(
      true,
    );
    expect(provider.stats.fieldsRequested['users']).toEqual(
      expect.arrayContaining(['sourcedId', 'role', 'givenName']),
    );
  });

  it('the minimal preset never asks for passwords, phones or demographics', async () => {
    const provider = provide();
    const client = clientFor(provider);
    await client.users.list({ fields: 'minimal' }).toArray({ maxItems: 10_000 });
    await client.enrollments.list({ fields: 'minimal' }).toArray({ maxItems: 100_000 });
    const asked = Object.values(provider.stats.fieldsRequested).flat();
    expect(asked).not.toContain('*');
    expect(asked).not.toEqual(expect.arrayContaining(['password']));
    expect(asked.filter((field) => ['password', 'phone', 'sms', 'birthDate'].includes(field))).toEqual([]);
    expect(provider.stats.byPath['/demographics']).toBeUndefined();
  });

  it('nested collections answer through the client', async () => {
    const provider = provide();
    const client = clientFor(provider);
    const klass = [...district.records('classes')][0];
    const students = await client.classes.students(klass?.sourcedId ?? '').toArray({ maxItems: 1_000 });
    expect(students.length).toBeGreaterThan(0);
    expect(students.every((student) => student.role === 'student')).toBe(true);
  });

  it('an OAuth 1.0a request with spaces, quotes and !*() in its filter is accepted by the mock', async () => {
    const provider = provide({ auth: { type: 'oauth1', consumerKey: 'or-key', consumerSecret: 's3cr&t !' } });
    const client = createOneRosterClient({
      baseUrl: provider.baseUrl,
      auth: oauth1({ consumerKey: 'or-key', consumerSecret: 's3cr&t !' }),
    });
    const value = 'Mary Ann (Jr)!*';
    const users = await client.users
      .list({ filter: filter.or(filter.eq('givenName', value), filter.ne('status', 'x y')) })
      .toArray({ maxItems: 10_000 });
    expect(users.length).toBe(allUserIds.length);
    expect(provider.stats.statuses[401]).toBeUndefined();
  });
});
