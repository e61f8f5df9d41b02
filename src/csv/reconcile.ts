import { compareCodePoints, type RosterRecord, type SyncCollectionName } from '../sync/index.js';
import { comparedFields, differingFields, keyValue, normalizeCode, schoolsOf } from './compare-records.js';
import type {
  CollectionReconciliation,
  FieldMismatch,
  FieldNormalization,
  MatchKeys,
  ReconcileOptions,
  Reconciliation,
  SchoolCodeFinding,
  SchoolReconciliation,
} from './reconcile-types.js';
import { resolveSide, type StoreSide } from './resolve-side.js';

const DEFAULT_COLLECTIONS: readonly SyncCollectionName[] = [
  'orgs',
  'academicSessions',
  'courses',
  'classes',
  'users',
  'enrollments',
];

const DEFAULT_MATCH_BY: MatchKeys = {
  users: ['identifier', 'username', 'email'],
  orgs: ['identifier', 'name'],
};

/** The next record of an iterator, or undefined at its end. */
async function next(iterator: AsyncIterator<RosterRecord>): Promise<RosterRecord | undefined> {
  const step = await iterator.next();
  return step.done ? undefined : step.value;
}

interface CollectionWalk {
  readonly collection: SyncCollectionName;
  readonly fields: readonly string[];
  readonly normalize: Readonly<Record<string, FieldNormalization>>;
  readonly maxListed: number;
  readonly schoolCodes: SchoolCodeFinding[];
}

function createTally(walk: CollectionWalk) {
  let matched = 0;
  let matchedByKey = 0;
  let mismatchCount = 0;
  let onlyLeftCount = 0;
  let onlyRightCount = 0;
  const mismatches: FieldMismatch[] = [];
  const onlyLeft: string[] = [];
  const onlyRight: string[] = [];
  const bySchool: Record<string, SchoolReconciliation> = {};
  const countSchools = (record: RosterRecord, kind: keyof SchoolReconciliation) => {
    for (const school of schoolsOf(record)) {
      const counts = bySchool[school] ?? { matched: 0, mismatched: 0, onlyLeft: 0, onlyRight: 0 };
      counts[kind]++;
      bySchool[school] = counts;
    }
  };
  return {
    pair(left: RosterRecord, right: RosterRecord, matchedBy: string) {
      if (matchedBy !== 'sourcedId') matchedByKey++;
      const fields = differingFields(walk.fields, left, right, walk.normalize);
      if (walk.collection === 'orgs') schoolCode(walk, left, right);
      if (fields.length === 0) {
        matched++;
        countSchools(left, 'matched');
        return;
      }
      mismatchCount++;
      countSchools(left, 'mismatched');
      if (mismatches.length < walk.maxListed) {
        mismatches.push({
          leftSourcedId: left.sourcedId,
          rightSourcedId: right.sourcedId,
          matchedBy,
          fields,
        });
      }
    },
    onlyLeft(record: RosterRecord) {
      onlyLeftCount++;
      countSchools(record, 'onlyLeft');
      if (onlyLeft.length < walk.maxListed) onlyLeft.push(record.sourcedId);
    },
    onlyRight(record: RosterRecord) {
      onlyRightCount++;
      countSchools(record, 'onlyRight');
      if (onlyRight.length < walk.maxListed) onlyRight.push(record.sourcedId);
    },
    result(): CollectionReconciliation {
      return {
        matched,
        matchedByKey,
        mismatches,
        mismatchCount,
        onlyLeft,
        onlyLeftCount,
        onlyRight,
        onlyRightCount,
        bySchool,
      };
    },
  };
}

/** An org matched across the sides whose `identifier` differs: the school-code finding. */
function schoolCode(walk: CollectionWalk, left: RosterRecord, right: RosterRecord): void {
  const leftCode = typeof left['identifier'] === 'string' ? left['identifier'] : undefined;
  const rightCode = typeof right['identifier'] === 'string' ? right['identifier'] : undefined;
  if (leftCode === rightCode) return;
  const same =
    leftCode !== undefined && rightCode !== undefined && normalizeCode(leftCode) === normalizeCode(rightCode);
  const name = typeof left['name'] === 'string' ? left['name'] : undefined;
  walk.schoolCodes.push({
    leftSourcedId: left.sourcedId,
    rightSourcedId: right.sourcedId,
    name,
    leftCode,
    rightCode,
    kind: same ? 'format' : 'changed',
  });
}

/**
 * Records without a sourcedId match, paired by the collection's keys in order; a key value held by
 * more than one record on a side matches nothing (a guess would hide a real difference).
 */
function matchByKeys(
  collection: SyncCollectionName,
  keys: readonly string[],
  left: RosterRecord[],
  right: RosterRecord[],
  pair: (left: RosterRecord, right: RosterRecord, key: string) => void,
): { left: RosterRecord[]; right: RosterRecord[] } {
  let restLeft = left;
  let restRight = right;
  for (const key of keys) {
    const byValue = new Map<string, RosterRecord | null>();
    for (const record of restRight) {
      const value = keyValue(collection, key, record);
      if (value !== undefined) byValue.set(value, byValue.has(value) ? null : record);
    }
    const paired = new Set<RosterRecord>();
    const unpaired: RosterRecord[] = [];
    for (const record of restLeft) {
      const value = keyValue(collection, key, record);
      const match = value === undefined ? undefined : byValue.get(value);
      if (match && !paired.has(match)) {
        paired.add(match);
        pair(record, match, key);
      } else unpaired.push(record);
    }
    restLeft = unpaired;
    restRight = restRight.filter((record) => !paired.has(record));
  }
  return { left: restLeft, right: restRight };
}

/**
 * Walks one collection of both sides in sourcedId order, a page at a time: records with the same
 * sourcedId are compared; the others are held (only those) to be matched by key, then reported.
 */
async function reconcileCollection(
  walk: CollectionWalk,
  left: StoreSide,
  right: StoreSide,
  keys: readonly string[],
): Promise<CollectionReconciliation> {
  const tally = createTally(walk);
  const leftRecords = left.store
    .iterate(left.tenant, walk.collection, { status: 'active' })
    [Symbol.asyncIterator]();
  const rightRecords = right.store
    .iterate(right.tenant, walk.collection, { status: 'active' })
    [Symbol.asyncIterator]();
  const unmatchedLeft: RosterRecord[] = [];
  const unmatchedRight: RosterRecord[] = [];
  let a = await next(leftRecords);
  let b = await next(rightRecords);
  while (a !== undefined || b !== undefined) {
    const order = a === undefined ? 1 : b === undefined ? -1 : compareCodePoints(a.sourcedId, b.sourcedId);
    if (order === 0 && a !== undefined && b !== undefined) {
      tally.pair(a, b, 'sourcedId');
      a = await next(leftRecords);
      b = await next(rightRecords);
    } else if (order < 0 && a !== undefined) {
      unmatchedLeft.push(a);
      a = await next(leftRecords);
    } else if (b !== undefined) {
      unmatchedRight.push(b);
      b = await next(rightRecords);
    }
  }
  const rest = matchByKeys(walk.collection, keys, unmatchedLeft, unmatchedRight, (l, r, key) =>
    tally.pair(l, r, key),
  );
  for (const record of rest.left) tally.onlyLeft(record);
  for (const record of rest.right) tally.onlyRight(record);
  return tally.result();
}

/**
 * Reconciles two rosters (store tenants, CSV packages or live clients) collection by collection:
 * records matched by sourcedId, or by a key where that fails; per collection the matches, the records
 * only one side has, the field mismatches (which fields), and a per-school summary; plus the
 * school-code check, which reports the same school under two codes as such, not as one school gone
 * and one added. Values compare as stored unless `normalize` says otherwise, so an email that differs
 * only in case is a mismatch by default. Both sides are walked in sourcedId order, a page at a time;
 * only records without a sourcedId match are held.
 * @example
 * const report = await reconcile({ left: { store, tenant: 'district-7' }, right: await openCsvPackage('vendor.zip') });
 * console.log(report.schoolCodes, report.collections.users?.onlyRightCount);
 */
export async function reconcile(options: ReconcileOptions): Promise<Reconciliation> {
  const collections = options.collections ?? DEFAULT_COLLECTIONS;
  const matchBy = options.matchBy ?? DEFAULT_MATCH_BY;
  const left = await resolveSide(options.left, collections);
  const right = await resolveSide(options.right, collections);
  const schoolCodes: SchoolCodeFinding[] = [];
  const results: Partial<Record<SyncCollectionName, CollectionReconciliation>> = {};
  for (const collection of collections) {
    const walk: CollectionWalk = {
      collection,
      fields: comparedFields(collection),
      normalize: options.normalize ?? {},
      maxListed: options.maxListed ?? 1_000,
      schoolCodes,
    };
    results[collection] = await reconcileCollection(walk, left, right, matchBy[collection] ?? []);
  }
  return { left: left.label, right: right.label, collections: results, schoolCodes };
}
