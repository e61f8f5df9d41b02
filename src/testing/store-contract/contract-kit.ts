/** What every part of the store contract shares: the test wrapper's context, records, and error checks. */
import assert from 'node:assert/strict';
import type { RosterRecord, RosterStore } from '../../sync/roster-store.js';

/** What each contract test gets: the store under test, and a way to open another handle on its data. */
export interface ContractContext {
  store: RosterStore;
  open(): Promise<RosterStore>;
}

/** Registers one contract test; the wrapper makes the fixture and closes every handle after it. */
export type ContractTest = (title: string, body: (context: ContractContext) => Promise<void>) => void;

export const TENANT = 'district-a';
export const OTHER_TENANT = 'district-b';

export function user(sourcedId: string, extra: Partial<RosterRecord> = {}): RosterRecord {
  return {
    sourcedId,
    status: 'active',
    dateLastModified: '2026-01-05T10:00:00.000Z',
    username: sourcedId,
    ...extra,
  };
}

export function users(count: number, prefix = 'u'): RosterRecord[] {
  return Array.from({ length: count }, (_, index) => user(`${prefix}${String(index).padStart(6, '0')}`));
}

export async function collect(iterable: AsyncIterable<RosterRecord>): Promise<RosterRecord[]> {
  const records: RosterRecord[] = [];
  for await (const record of iterable) records.push(record);
  return records;
}

/** Stores records through a whole successful run. */
export async function seed(
  store: RosterStore,
  collection: string,
  records: RosterRecord[],
  tenant = TENANT,
): Promise<void> {
  const run = await store.beginRun(tenant, { mode: 'full' });
  await store.stage(run, collection, records);
  await store.commit(run, collection);
  await store.finishRun(run, { status: 'succeeded' });
}

/**
 * The error names the contract requires, compared by `name` rather than by class, so a store built
 * against another copy of the package (or another realm) is judged the same way.
 */
export type ContractErrorName =
  | 'SyncInProgressError'
  | 'SyncRunInactiveError'
  | 'TypeError'
  /**
   * What a store raises when asked to do what no store may do (commit a dry run, remove unseen
   * records after a delta, commit or stage a collection twice in one run): `StoreRefusalError` from
   * `oneroster/sync`. Required by name so that a bug (a TypeError), a lost run (SyncRunInactiveError)
   * or a database failure (StoreError) does not pass for the refusal.
   */
  | 'StoreRefusalError'
  /** What a store raises when asked to erase a tenant (or its records) while a run of it is live. */
  | 'EraseRefusedError';

/** Asserts that `promise` rejects with an error of this name; `what` says what was attempted. */
export async function rejectsWith(
  promise: Promise<unknown>,
  name: ContractErrorName,
  what: string,
): Promise<void> {
  await assert.rejects(
    promise,
    (error: unknown) => {
      const actual = typeof error === 'object' && error !== null && 'name' in error ? error.name : undefined;
      const message =
        typeof error === 'object' && error !== null && 'message' in error ? error.message : error;
      assert.equal(
        actual,
        name,
        `${what}: expected a rejection with ${name}, got ${String(actual)}: ${String(message)}`,
      );
      return true;
    },
    `${what}: expected a rejection with ${name}, but it succeeded`,
  );
}

/** A cheap deterministic shuffle key, so the stores see records out of order. */
export function hashOf(text: string): number {
  let hash = 2166136261;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 16777619);
  return hash >>> 0;
}
