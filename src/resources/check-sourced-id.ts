import { isUnsafePathSegment } from '../transport/build-url.js';

/**
 * Refuses, before any request, a sourcedId that is not a string or that would change the path it goes
 * in: empty, `.` or `..`, also percent-encoded (`client.schools.students('..')` would read every
 * student of the district). Any other id is sent as one percent-encoded segment, `/`, `?`, `#` and
 * `%` included.
 *
 * @throws TypeError naming the method
 */
export function checkSourcedId(id: unknown, method: string): string {
  if (typeof id !== 'string')
    throw new TypeError(`oneroster: ${method} needs a sourcedId string, got ${typeof id}`);
  if (isUnsafePathSegment(id)) {
    throw new TypeError(
      `oneroster: ${method} refuses the sourcedId ${JSON.stringify(id)}: an empty, "." or ".." id would change the path`,
    );
  }
  return id;
}
