/**
 * How a vendor tests its roster import with the testing kit: a mock provider on a real port, a
 * synthetic district, provider quirks and faults switched on per test, and statistics that prove the
 * import asks for the minimum. No credentials, no network.
 *
 * Copy it into your test folder and import from 'oneroster' and 'oneroster/testing' instead of the
 * relative paths (kept here so the example is type-checked in this repository; the SDK's suite runs it
 * from test/examples/).
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  createOneRosterClient,
  filter,
  type OneRosterClient,
  oauth2ClientCredentials,
} from '../src/index.js';
import {
  generateDistrict,
  type MockServer,
  type MockServerOptions,
  startMockServer,
} from '../src/testing/index.js';

/** The vendor's code under test: each class's students, from the enrollments. */
async function loadClassRosters(client: OneRosterClient): Promise<Map<string, string[]>> {
  const rosters = new Map<string, string[]>();
  for await (const enrollment of client.enrollments.list({
    fields: ['sourcedId', 'class', 'user', 'role'],
    filter: filter.eq('role', 'student'),
  })) {
    const students = rosters.get(enrollment.class.sourcedId) ?? [];
    students.push(enrollment.user.sourcedId);
    rosters.set(enrollment.class.sourcedId, students);
  }
  return rosters;
}

describe('class rosters from a OneRoster provider', () => {
  const district = generateDistrict({ preset: 'small', seed: 42 });
  let server: MockServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function connect(options: Omit<MockServerOptions, 'district'> = {}): Promise<OneRosterClient> {
    server = await startMockServer({ district, ...options });
    return createOneRosterClient({
      baseUrl: server.baseUrl,
      auth: oauth2ClientCredentials({
        tokenUrl: server.tokenUrl ?? '',
        clientId: server.clientId,
        clientSecret: server.clientSecret,
      }),
      retry: { minDelayMs: 1, maxDelayMs: 10 },
    });
  }

  it('loads every student enrollment although the provider clamps pages to 50', async () => {
    const client = await connect({ quirks: { maxPageSize: 50, link: 'omit' } });
    const rosters = await loadClassRosters(client);
    const enrolled = [...rosters.values()].reduce((sum, students) => sum + students.length, 0);
    expect(enrolled).toBe(district.shape.students * district.shape.enrollmentsPerStudent);
  });

  it('never asks for passwords or demographics', async () => {
    const client = await connect();
    await loadClassRosters(client);
    expect(server?.stats.fieldsRequested['enrollments']).not.toContain('*');
    expect(server?.stats.byRoute['/demographics']).toBeUndefined();
  });

  it('rides out a 429 and a burst of 503s', async () => {
    const client = await connect({
      faults: [
        { type: 'rateLimit', path: '/enrollments', nth: 2, retryAfterSeconds: 1 },
        { type: 'serverError', status: 503, path: '/enrollments', nth: 4, times: 2 },
      ],
    });
    const rosters = await loadClassRosters(client);
    expect(rosters.size).toBe(district.shape.counts.classes);
    expect(server?.stats.statuses[429]).toBe(1);
    expect(server?.stats.statuses[503]).toBe(2);
  });
});
