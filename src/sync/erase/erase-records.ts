import type { RecordsEraseReceipt, RosterStore } from '../roster-store.js';

/**
 * Deletes single records of a collection, a person's erasure request (a student's, a parent's),
 * from the stored roster and from the staging of crashed runs, in one transaction. Ids the store
 * does not hold are ignored (the receipt's `tables.records` counts what it did hold). Records that
 * refer to an erased one (a student's enrollments, a class's teacher) are left as they are, with a
 * reference to a record that no longer exists: erase them too when they are the person's data
 * (enrollments of a student), and `buildRosterReport` counts the dangling references that remain.
 * The provider still holds the person: the next sync writes the records back unless the district
 * removes them at the source.
 * @throws `TypeError` for an empty tenant or collection or an id that is not a non-empty string;
 * `EraseRefusedError` (nothing erased) while a run of the tenant is in progress.
 * @example
 * const receipt = await eraseRecords(store, 'district-7', 'users', ['student-4411']);
 * await eraseRecords(store, 'district-7', 'enrollments', enrollmentIdsOf('student-4411'));
 */
export async function eraseRecords(
  store: RosterStore,
  tenant: string,
  collection: string,
  sourcedIds: readonly string[],
): Promise<RecordsEraseReceipt> {
  if (typeof tenant !== 'string' || tenant === '') {
    throw new TypeError('eraseRecords: `tenant` must be a non-empty string');
  }
  if (typeof collection !== 'string' || collection === '') {
    throw new TypeError('eraseRecords: `collection` must be a non-empty string');
  }
  if (!Array.isArray(sourcedIds)) throw new TypeError('eraseRecords: `sourcedIds` must be an array of ids');
  const invalid = sourcedIds.findIndex((id: unknown) => typeof id !== 'string' || id === '');
  if (invalid !== -1) {
    throw new TypeError(`eraseRecords: sourcedIds[${invalid}] is not a non-empty string; nothing was erased`);
  }
  return store.eraseRecords(tenant, collection, sourcedIds);
}
