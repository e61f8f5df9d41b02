import type { SyncCollectionName } from './sync-options.js';
import type { SchoolCounts } from './sync-result.js';

function refId(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('sourcedId' in value)) return undefined;
  return typeof value.sourcedId === 'string' ? value.sourcedId : undefined;
}

/**
 * The schools (or orgs) a record belongs to, by reference: a class's `school`, a course's `org`, a
 * user's `orgs` (1.2: the `org` of each of its `roles`), an enrollment's `school`; a school is its own. Sessions and demographics have none.
 */
export function schoolsOf(collection: SyncCollectionName, record: Record<string, unknown>): string[] {
  switch (collection) {
    case 'orgs': {
      if (record['type'] === 'school' && typeof record['sourcedId'] === 'string')
        return [record['sourcedId']];
      const parent = refId(record['parent']);
      return parent === undefined ? [] : [parent];
    }
    case 'courses':
      return [refId(record['org'])].filter((id): id is string => id !== undefined);
    case 'classes':
    case 'enrollments':
      return [refId(record['school'])].filter((id): id is string => id !== undefined);
    case 'users': {
      // 1.1: `orgs`; a 1.2 user has none, and belongs to the org of each of its `roles`.
      const orgs = record['orgs'];
      const roles = record['roles'];
      const refs = Array.isArray(orgs)
        ? orgs
        : Array.isArray(roles)
          ? roles.map((role: unknown) =>
              typeof role === 'object' && role !== null ? Reflect.get(role, 'org') : undefined,
            )
          : [];
      return [...new Set(refs.map(refId).filter((id): id is string => id !== undefined))];
    }
    default:
      return [];
  }
}

/** Counts records per school; memory grows with the number of schools, not of records. */
export interface SchoolCounter {
  add(collection: SyncCollectionName, record: Record<string, unknown>): void;
  result(): SchoolCounts;
}

/** A counter for one collection's pull. */
export function createSchoolCounter(): SchoolCounter {
  const bySchool = new Map<string, number>();
  let withoutSchool = 0;
  return {
    add(collection, record) {
      const schools = schoolsOf(collection, record);
      if (schools.length === 0) withoutSchool++;
      for (const school of schools) bySchool.set(school, (bySchool.get(school) ?? 0) + 1);
    },
    result: () => ({ bySchool: Object.fromEntries(bySchool), withoutSchool }),
  };
}
