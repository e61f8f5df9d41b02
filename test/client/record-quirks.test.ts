import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createOneRosterClient,
  isResponseValidationError,
  type OneRosterClientOf,
  type OneRosterEvent,
  type OneRosterVersion,
  type RecordPull,
} from '../../src/index.js';
import { staticBearer } from '../helpers/static-auth.js';

// The mock provider serves neither unknown grades nor contradicting GUIDRef types: the pages are
// written here.
const BASE = {
  '1.1': 'https://sis.test/ims/oneroster/v1p1',
  '1.2': 'https://sis.test/ims/oneroster/rostering/v1p2',
};
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const ref = (type: string, sourcedId: string) => ({ href: `/x/${sourcedId}`, sourcedId, type });
const base = (sourcedId: string) => ({
  sourcedId,
  status: 'active',
  dateLastModified: '2026-09-01T12:00:00Z',
});
const user11 = (sourcedId: string, extra: Record<string, unknown> = {}) => ({
  ...base(sourcedId),
  username: sourcedId,
  enabledUser: 'true',
  givenName: 'Ana',
  familyName: 'Ruiz',
  role: 'student',
  orgs: [ref('org', 'school-1')],
  ...extra,
});
const user12 = (sourcedId: string, extra: Record<string, unknown> = {}) => ({
  ...base(sourcedId),
  username: sourcedId,
  enabledUser: 'true',
  givenName: 'Ana',
  familyName: 'Ruiz',
  roles: [{ roleType: 'primary', role: 'student', org: ref('org', 'school-1') }],
  ...extra,
});

/** Serves `users` as two pages, so once-per-pull reporting is checked across pages. */
function serveUsers(version: OneRosterVersion, users: readonly Record<string, unknown>[]) {
  server.use(
    http.get(`${BASE[version]}/users`, ({ request }) => {
      const offset = Number(new URL(request.url).searchParams.get('offset'));
      return HttpResponse.json({ users: users.slice(offset, offset + 2) });
    }),
  );
}

function clientOf<V extends OneRosterVersion>(
  version: V,
  events: OneRosterEvent[],
  validation: 'lenient' | 'strict' = 'lenient',
): OneRosterClientOf<V> {
  return createOneRosterClient({
    baseUrl: BASE[version],
    auth: staticBearer('t'),
    version,
    validation,
    pageSize: 2,
    onEvent: (event) => events.push(event),
  });
}

const user = { '1.1': user11, '1.2': user12 };

/** A users pull of either version: only the grades matter here. */
function usersOf(
  version: OneRosterVersion,
  events: OneRosterEvent[],
): RecordPull<{ grades?: string[] | undefined }> {
  return version === '1.2' ? clientOf('1.2', events).users.list() : clientOf('1.1', events).users.list();
}

describe.each(['1.1', '1.2'] as const)('unknown grades in %s', (version) => {
  it('are kept and reported once per distinct value, and every one is counted', async () => {
    serveUsers(version, [
      user[version]('u1', { grades: ['K', '01'] }),
      user[version]('u2', { grades: ['K'] }),
      user[version]('u3', { grades: ['Kinder', 'K'] }),
    ]);
    const events: OneRosterEvent[] = [];
    const pull = usersOf(version, events);
    const users = await pull.toArray({ maxItems: 10 });
    expect(users.map((record) => record.grades)).toEqual([['K', '01'], ['K'], ['Kinder', 'K']]);
    const reported = events.filter((event) => event.type === 'unknown-enum-value');
    expect(reported.map((event) => [event.path, event.value, event.sourcedId])).toEqual([
      ['grades.0', 'K', 'u1'],
      ['grades.0', 'Kinder', 'u3'],
    ]);
    expect(pull.summary.unknownEnumValues).toBe(4);
  });
});

describe('GUIDRefs whose type contradicts their field', () => {
  it('are kept and reported as a quirk in 1.1, once per distinct value, every one counted', async () => {
    serveUsers('1.1', [
      user11('u1', { orgs: [ref('teacher', 'school-1'), ref('teacher', 'school-2')] }),
      user11('u2', { orgs: [ref('org', 'school-1')], agents: [ref('org', 'u9')] }),
      user11('u3', { orgs: [ref('teacher', 'school-1')] }),
    ]);
    const events: OneRosterEvent[] = [];
    const pull = clientOf('1.1', events).users.list();
    const users = await pull.toArray({ maxItems: 10 });
    expect(users).toHaveLength(3);
    expect(users[0]?.orgs.map((org) => org.type)).toEqual(['teacher', 'teacher']);
    const quirks = events.filter((event) => event.type === 'ref-type-mismatch');
    expect(quirks.map((event) => [event.path, event.value, event.expected, event.sourcedId])).toEqual([
      ['orgs.0.type', 'teacher', 'org', 'u1'],
      ['agents.0.type', 'org', 'user', 'u2'],
    ]);
    expect(pull.summary.refTypeMismatches).toBe(4);
    // A contradiction is not an unknown value: `teacher` is a GUIDRef type 1.1 knows.
    expect(pull.summary.unknownEnumValues).toBe(0);
  });

  it('are reported inside a 1.2 user’s roles', async () => {
    serveUsers('1.2', [
      user12('u1', { roles: [{ roleType: 'primary', role: 'aide', org: ref('user', 'x') }] }),
    ]);
    const events: OneRosterEvent[] = [];
    const pull = clientOf('1.2', events).users.list();
    await pull.toArray({ maxItems: 10 });
    expect(events.filter((event) => event.type === 'ref-type-mismatch')).toMatchObject([
      { path: 'roles.0.org.type', value: 'user', expected: 'org', sourcedId: 'u1' },
    ]);
    expect(pull.summary.refTypeMismatches).toBe(1);
  });
});

describe('a 1.1 client reading a 1.2 server', () => {
  it('derives role and orgs from roles[] in lenient mode', async () => {
    serveUsers('1.1', [user12('u1')]);
    const users = await clientOf('1.1', []).users.list().toArray({ maxItems: 10 });
    expect(users.map((record) => [record.role, record.orgs.map((org) => org.sourcedId)])).toEqual([
      ['student', ['school-1']],
    ]);
  });

  it("fails in strict mode saying the provider answers with 1.2 shapes, naming version: '1.2'", async () => {
    serveUsers('1.1', [user12('u1')]);
    const error = await clientOf('1.1', [], 'strict')
      .users.list()
      .toArray({ maxItems: 10 })
      .catch((caught: unknown) => caught);
    expect(isResponseValidationError(error)).toBe(true);
    expect(String(error)).toMatch(/answers with OneRoster 1\.2 shapes/);
    expect(String(error)).toContain("version: '1.2'");
    expect(error).toMatchObject({ sourcedId: 'u1', issues: [{ path: 'role' }, { path: 'orgs' }] });
  });

  it('fails a single read in strict mode with the same advice', async () => {
    server.use(http.get(`${BASE['1.1']}/users/u1`, () => HttpResponse.json({ user: user12('u1') })));
    await expect(clientOf('1.1', [], 'strict').users.get('u1')).rejects.toThrow(/version: '1\.2'/);
  });

  it('gives no such advice for a 1.1 user that is merely broken', async () => {
    const broken = user11('u1');
    delete (broken as Record<string, unknown>)['role'];
    serveUsers('1.1', [broken]);
    const error = await clientOf('1.1', [], 'strict')
      .users.list()
      .toArray({ maxItems: 10 })
      .catch((caught: unknown) => caught);
    expect(isResponseValidationError(error) && error.hint).toBeUndefined();
    expect(String(error)).not.toContain('1.2');
  });
});
