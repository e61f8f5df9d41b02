import type { AnyOneRosterClient } from '../index.js';
import type { RosterStore, SyncCollectionName } from '../sync/index.js';
import type { CsvPackage } from './open-csv-package.js';

/**
 * One side of a reconciliation: a store tenant, a CSV package, or a live client. A package or a
 * client is first loaded into a scratch tenant (of `scratch`, a memory store by default), so both
 * sides are walked the same way: in sourcedId order, a page at a time.
 */
export type ReconcileSide =
  | { readonly store: RosterStore; readonly tenant: string; readonly label?: string }
  | { readonly client: AnyOneRosterClient; readonly label?: string; readonly scratch?: RosterStore }
  | CsvPackage;

/** How values are compared, by field name: as stored (the default), or normalised first. */
export type FieldNormalization = 'case-insensitive' | 'trim' | 'trim-case-insensitive';

/** The keys tried, in order, for records whose sourcedId has no match on the other side. */
export type MatchKeys = Partial<Record<SyncCollectionName, readonly string[]>>;

/** Options of {@link reconcile}. */
export interface ReconcileOptions {
  readonly left: ReconcileSide;
  readonly right: ReconcileSide;
  /** @default orgs, academicSessions, courses, classes, users, enrollments */
  readonly collections?: readonly SyncCollectionName[];
  /**
   * Keys to match records by where sourcedIds differ. Org `identifier`s are normalised for case,
   * whitespace and leading zeros ("0123" matches "123").
   * @default { users: ['identifier', 'username', 'email'], orgs: ['identifier', 'name'] }
   */
  readonly matchBy?: MatchKeys;
  /** @example { email: 'case-insensitive' } */
  readonly normalize?: Readonly<Record<string, FieldNormalization>>;
  /**
   * Records listed per finding kind and collection (the counts are always whole).
   * @default 1000
   */
  readonly maxListed?: number;
}

/** A pair of records matched across the sides whose compared fields differ. */
export interface FieldMismatch {
  readonly leftSourcedId: string;
  readonly rightSourcedId: string;
  /** How the pair was matched: `sourcedId`, or the key that matched it. */
  readonly matchedBy: string;
  /** The fields that differ. */
  readonly fields: readonly string[];
}

/** Counts of one school (by the org sourcedId of each record's school or orgs). */
export interface SchoolReconciliation {
  matched: number;
  mismatched: number;
  onlyLeft: number;
  onlyRight: number;
}

/** What one collection looks like across the two sides. */
export interface CollectionReconciliation {
  /** Pairs whose compared fields are equal. */
  readonly matched: number;
  /** Pairs matched by a key rather than by sourcedId (included in `matched` or `mismatches`). */
  readonly matchedByKey: number;
  readonly mismatches: readonly FieldMismatch[];
  readonly mismatchCount: number;
  readonly onlyLeft: readonly string[];
  readonly onlyLeftCount: number;
  readonly onlyRight: readonly string[];
  readonly onlyRightCount: number;
  /** Per school sourcedId. */
  readonly bySchool: Readonly<Record<string, SchoolReconciliation>>;
}

/** The same school under different codes on the two sides: a finding of its own, not a delete and an add. */
export interface SchoolCodeFinding {
  readonly leftSourcedId: string;
  readonly rightSourcedId: string;
  readonly name: string | undefined;
  readonly leftCode: string | undefined;
  readonly rightCode: string | undefined;
  /** `format`: the same code written differently ("0123" and "123"); `changed`: another code. */
  readonly kind: 'format' | 'changed';
}

/** What {@link reconcile} returns. */
export interface Reconciliation {
  readonly left: string;
  readonly right: string;
  readonly collections: Partial<Record<SyncCollectionName, CollectionReconciliation>>;
  readonly schoolCodes: readonly SchoolCodeFinding[];
}
