import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearerToken, createOneRosterClient, type OneRosterClient } from '../../../src/index.js';
import { type HostileServer, sendJson, startHostileServer } from './hostile-server.js';

/** Ids that would climb or collapse the path, however they are spelled. */
const PATH_CHANGING_IDS = ['..', '.', '', '%2e%2E', '%2E', '.%2e', '%252e%252e'];

/** Ids that are odd but legal: each must reach the server as one segment, intact. */
const ODD_IDS = ['a/b', 'what?x=1', 'frag#ment', '100%', 'two words', 'Siobhán-ü-日本', '..a', 'a..'];

let server: HostileServer;
let client: OneRosterClient;

beforeEach(async () => {
  server = await startHostileServer((_request, response) => {
    // Students and teachers come in a `users` envelope; a single read of an odd id finds nothing.
    sendJson(response, { users: [] });
  });
  client = createOneRosterClient({
    baseUrl: server.baseUrl,
    auth: bearerToken('hostile-test-token'),
    retry: { retries: 0 },
  });
});
afterEach(() => server.close());

/** The segments of the request path after the base URL, decoded. */
function segmentsOf(url: string): string[] {
  const path = new URL(url, server.origin).pathname.slice('/ims/oneroster/v1p1/'.length);
  return path.split('/').map(decodeURIComponent);
}

describe('a sourcedId cannot change the path it goes in', () => {
  it.each(PATH_CHANGING_IDS)('refuses %j for a nested collection before any request', async (id) => {
    expect(() => client.schools.students(id)).toThrow(TypeError);
    expect(() => client.schools.classStudents('school-1', id)).toThrow(TypeError);
    await expect(client.users.get(id)).rejects.toThrow(TypeError);
    expect(server.requests).toEqual([]);
  });

  it('refuses an id that is not a string from untyped code', async () => {
    const untyped = client.schools.students as unknown as (id: unknown) => unknown;
    expect(() => untyped(undefined)).toThrow(TypeError);
    await expect((client.users.get as unknown as (id: unknown) => Promise<unknown>)(42)).rejects.toThrow(
      TypeError,
    );
    expect(server.requests).toEqual([]);
  });

  it('refuses a raw request whose segments would climb', async () => {
    await expect(client.request(['schools', '..', 'students'])).rejects.toThrow(TypeError);
    expect(server.requests).toEqual([]);
  });

  it.each(ODD_IDS)('sends %j as one encoded segment', async (id) => {
    for await (const _ of client.schools.students(id)) {
      // The provider answers with no records.
    }
    const [request] = server.requests;
    expect(request).toBeDefined();
    expect(segmentsOf(request?.url ?? '')).toEqual(['schools', id, 'students']);
  });

  it('sends an odd id of a single read as one encoded segment', async () => {
    await client.users.get('a/../b?c#d').catch(() => undefined);
    expect(segmentsOf(server.requests[0]?.url ?? '')).toEqual(['users', 'a/../b?c#d']);
  });
});
