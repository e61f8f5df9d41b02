import type { RosterRecord, RosterStore } from '../roster-store.js';
import type { ReportCollection, ReportSource } from './report-types.js';

/**
 * Where a report reads a roster from: each collection as an async iterable of records, active and
 * `tobedeleted` alike, read once, in any order. The report keeps ids and counters of what it reads,
 * never the records, so a reader must stream (as `RosterStore.iterate` does, one page at a time).
 *
 * Two readers exist: {@link createCommittedReader}, and `createHeldRunReader` over a run awaiting
 * review (what each collection would be after its commit: the stored records, with the staged ones in
 * their place and unseen ones retired).
 */
export interface RosterReader {
  readonly source: ReportSource;
  records(collection: ReportCollection): AsyncIterable<RosterRecord>;
}

/** The store's committed records of a tenant, through its public `iterate`. */
export function createCommittedReader(store: RosterStore, tenant: string): RosterReader {
  return { source: 'committed', records: (collection) => store.iterate(tenant, collection) };
}
