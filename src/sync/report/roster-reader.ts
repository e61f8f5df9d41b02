import type { RosterRecord, RosterStore } from '../roster-store.js';
import type { ReportCollection, ReportSource } from './report-types.js';

/**
 * Where a report reads a roster from: each collection as an async iterable of records, active and
 * `tobedeleted` alike, read once, in any order. The report keeps ids and counters of what it reads,
 * never the records, so a reader must stream (as `RosterStore.iterate` does, one page at a time).
 *
 * One reader exists: {@link createCommittedReader}. Review before go-live adds one over a run's staged
 * records (what the collection would be after its commit: the stored records, with the staged ones in
 * their place and unseen ones retired), whose `source` is then a new {@link ReportSource}.
 */
export interface RosterReader {
  readonly source: ReportSource;
  records(collection: ReportCollection): AsyncIterable<RosterRecord>;
}

/** The store's committed records of a tenant, through its public `iterate`. */
export function createCommittedReader(store: RosterStore, tenant: string): RosterReader {
  return { source: 'committed', records: (collection) => store.iterate(tenant, collection) };
}
