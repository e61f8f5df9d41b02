import type { ServerResponse } from 'node:http';
import type { ReceivedRequest } from './hostile-server.js';
import { sendJson } from './hostile-server.js';

/** A valid OneRoster 1.1 user, numbered so sourcedId order is numeric order. */
export function rosterUser(index: number) {
  return rosterUserWithId(`user-${String(index).padStart(5, '0')}`);
}

/** A valid OneRoster 1.1 user with the given sourcedId. */
export function rosterUserWithId(sourcedId: string) {
  return {
    sourcedId,
    status: 'active',
    dateLastModified: '2026-01-02T03:04:05.000Z',
    username: sourcedId,
    enabledUser: 'true',
    givenName: 'Given',
    familyName: 'Family',
    role: 'student',
    orgs: [{ href: '/orgs/school-1', sourcedId: 'school-1', type: 'org' }],
  };
}

/**
 * Answers `GET .../users?limit&offset` with `count` users, and an empty list for every other
 * collection. `override` may answer a request itself (a fault) by returning true.
 */
export function serveUsers(
  count: number,
  override?: (request: ReceivedRequest, response: ServerResponse, offset: number) => boolean,
) {
  return (request: ReceivedRequest, response: ServerResponse): void => {
    const url = new URL(request.url, 'http://provider.test');
    const collection = url.pathname.split('/').at(-1) ?? '';
    const offset = Number(url.searchParams.get('offset') ?? '0');
    const limit = Number(url.searchParams.get('limit') ?? '100');
    if (override?.(request, response, offset)) return;
    if (collection !== 'users') {
      sendJson(response, { [collection]: [] });
      return;
    }
    const users = [];
    for (let index = offset; index < Math.min(count, offset + limit); index++) users.push(rosterUser(index));
    sendJson(response, { users });
  };
}
