import {
  MISSING_REFERENCE_EXAMPLES,
  type MissingReference,
  REPORT_COLLECTIONS,
  type ReportCollection,
} from './report-types.js';
import type { RosterIndex } from './roster-index.js';

/** Counts the references of active records that point at no active record, per kind. */
export interface ReferenceTally {
  /**
   * Checks one reference of an active record; true when its target is active. A reference within the
   * collection being read (an org's parent) must be checked once the collection is read whole.
   */
  check(
    from: ReportCollection,
    field: string,
    to: ReportCollection,
    sourcedId: string,
    target: string,
  ): boolean;
  /** Kinds with at least one dangling reference, in collection then field order. */
  results(): MissingReference[];
}

interface Kind {
  from: ReportCollection;
  field: string;
  to: ReportCollection;
  missing: number;
  retired: number;
  examples: { sourcedId: string; target: string }[];
}

export function createReferenceTally(index: RosterIndex): ReferenceTally {
  const kinds = new Map<string, Kind>();
  return {
    check(from, field, to, sourcedId, target) {
      const status = index.statusOf(to, target);
      if (status === 'active') return true;
      const key = `${from}.${field}`;
      const kind = kinds.get(key) ?? { from, field, to, missing: 0, retired: 0, examples: [] };
      kinds.set(key, kind);
      if (status === 'retired') kind.retired++;
      else kind.missing++;
      if (kind.examples.length < MISSING_REFERENCE_EXAMPLES) kind.examples.push({ sourcedId, target });
      return false;
    },
    results: () =>
      [...kinds.values()].sort(
        (left, right) =>
          REPORT_COLLECTIONS.indexOf(left.from) - REPORT_COLLECTIONS.indexOf(right.from) ||
          (left.field < right.field ? -1 : left.field > right.field ? 1 : 0),
      ),
  };
}
