/**
 * The change log's yardstick: a tenant's stored records before and after some commits, and the
 * change records their difference calls for, computed here independently of any store.
 */
import type { ChangeOp, ChangeRecord, RosterRecord, RosterStore } from '../../sync/roster-store.js';
import { canonicalJson } from '../../sync/store/canonical-json.js';

/** collection → sourcedId → record. */
export type StoreSnapshot = Map<string, Map<string, RosterRecord>>;

/** Every stored record of the collections, tombstones included, read through `iterate`. */
export async function snapshotStore(
  store: RosterStore,
  tenant: string,
  collections: readonly string[],
): Promise<StoreSnapshot> {
  const snapshot: StoreSnapshot = new Map();
  for (const collection of collections) {
    const records = new Map<string, RosterRecord>();
    for await (const record of store.iterate(tenant, collection)) records.set(record.sourcedId, record);
    snapshot.set(collection, records);
  }
  return snapshot;
}

/** A change record without what only the store knows (seq, run, time), as the difference predicts it. */
export interface ExpectedChange {
  collection: string;
  sourcedId: string;
  op: ChangeOp;
  changedFields: string[];
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

function pick(record: RosterRecord, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(
    fields.filter((field) => Object.hasOwn(record, field)).map((f) => [f, record[f]]),
  );
}

/**
 * The changes that turn `before` into `after`, by collection then sourcedId, with the values of
 * `changeLog.values: 'changed-fields'` (the default).
 */
export function differenceOf(before: StoreSnapshot, after: StoreSnapshot): ExpectedChange[] {
  const changes: ExpectedChange[] = [];
  const collections = new Set([...before.keys(), ...after.keys()]);
  for (const collection of [...collections].sort()) {
    const old = before.get(collection) ?? new Map<string, RosterRecord>();
    const next = after.get(collection) ?? new Map<string, RosterRecord>();
    for (const sourcedId of [...new Set([...old.keys(), ...next.keys()])].sort()) {
      const was = old.get(sourcedId);
      const is = next.get(sourcedId);
      if (was === undefined && is !== undefined) {
        changes.push({
          collection,
          sourcedId,
          op: 'insert',
          changedFields: Object.keys(is).sort(),
          after: is,
        });
      } else if (was !== undefined && is === undefined) {
        const changedFields = Object.keys(was).sort();
        changes.push({ collection, sourcedId, op: 'delete', changedFields, before: was });
      } else if (was !== undefined && is !== undefined) {
        const fields = [...new Set([...Object.keys(was), ...Object.keys(is)])].sort();
        const changedFields = fields.filter(
          (field) =>
            Object.hasOwn(was, field) !== Object.hasOwn(is, field) ||
            canonicalJson(was[field]) !== canonicalJson(is[field]),
        );
        if (changedFields.length === 0) continue;
        let op: ChangeOp = 'update';
        if (was.status === 'active' && is.status === 'tobedeleted') op = 'tombstone';
        if (was.status === 'tobedeleted' && is.status === 'active') op = 'revive';
        changes.push({
          collection,
          sourcedId,
          op,
          changedFields,
          before: pick(was, changedFields),
          after: pick(is, changedFields),
        });
      }
    }
  }
  return changes;
}

/** Change records as the difference states them: by collection then sourcedId, store-only fields dropped. */
export function comparableChanges(records: readonly ChangeRecord[]): ExpectedChange[] {
  return records
    .map((record) => ({
      collection: record.collection,
      sourcedId: record.sourcedId,
      op: record.op,
      changedFields: record.changedFields,
      ...(record.before === undefined ? {} : { before: record.before }),
      ...(record.after === undefined ? {} : { after: record.after }),
    }))
    .sort((a, b) =>
      a.collection === b.collection
        ? a.sourcedId < b.sourcedId
          ? -1
          : a.sourcedId > b.sourcedId
            ? 1
            : 0
        : a.collection < b.collection
          ? -1
          : 1,
    );
}

/** Every change record of the tenant after `after`, read page by page. */
export async function readAllChanges(store: RosterStore, tenant: string, after = 0): Promise<ChangeRecord[]> {
  const all: ChangeRecord[] = [];
  for (let last = after; ; ) {
    const page = await store.readChanges(tenant, { after: last, limit: 500 });
    all.push(...page);
    const tail = page.at(-1);
    if (tail === undefined) return all;
    last = tail.seq;
  }
}
