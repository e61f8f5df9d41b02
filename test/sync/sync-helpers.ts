import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createOneRosterClient, type OneRosterClient } from '../../src/index.js';
import {
  type RosterRecord,
  type RosterStore,
  SYNC_COLLECTIONS,
  type SyncCollectionName,
  type SyncOptions,
  type SyncResult,
  syncRoster,
} from '../../src/sync/index.js';
import { type District, type GenerateDistrictOptions, generateDistrict } from '../../src/testing/index.js';
import { createMockProvider, type MockProvider } from '../../src/testing/msw.js';
import type { StoreHarness, StoreHarnessFactory } from './store-harness.js';

export const TENANT = 'district-7';

/** Starts msw for the file; each test installs its mock provider's handlers. */
export function useMsw() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/**
 * A client for a mock provider: small pages so every collection takes several requests, no retries
 * so an injected fault fails the pull, and every request URL logged (redacted URLs keep `fields`
 * and datetime filters). `concurrency`: the client's default unless given.
 */
export function mockClient(
  baseUrl: string,
  requests: URL[] = [],
  pageSize = 5,
  concurrency?: number,
): OneRosterClient {
  return createOneRosterClient({
    baseUrl,
    auth: { kind: 'none', authorize: async () => ({}) },
    pageSize,
    ...(concurrency === undefined ? {} : { concurrency }),
    retry: { retries: 0 },
    onEvent: (event) => {
      if (event.type === 'request') requests.push(new URL(event.url));
    },
  });
}

/** Everything one scenario needs: a mock provider, a store harness and a sync shortcut. */
export interface SyncFixture {
  mock: MockProvider;
  district: District;
  /** Every request the client sent. */
  requests: URL[];
  harness: StoreHarness;
  store: RosterStore;
  client: OneRosterClient;
  sync(options?: Partial<SyncOptions>): Promise<SyncResult>;
  /** The provider's current records of a collection, tombstones included. */
  records(collection: SyncCollectionName): RosterRecord[];
  /** Their sourcedIds, in order. */
  ids(collection: SyncCollectionName): string[];
  cleanup(): Promise<void>;
}

/** Builds a fixture over a tiny district (3 orgs, 30 users, 60 enrollments) unless told otherwise. */
export function createFixture(
  server: ReturnType<typeof setupServer>,
  factory: StoreHarnessFactory,
  districtOptions: GenerateDistrictOptions = {},
): SyncFixture {
  const district = generateDistrict({ preset: 'tiny', ...districtOptions });
  const mock = createMockProvider({ district, auth: { type: 'none' } });
  server.use(...mock.handlers);
  const harness = factory();
  const store = harness.open();
  const requests: URL[] = [];
  const client = mockClient(mock.baseUrl, requests);
  const records = (collection: SyncCollectionName) => [...district.records(collection)] as RosterRecord[];
  return {
    mock,
    district,
    requests,
    harness,
    store,
    client,
    sync: (options = {}) => syncRoster({ client, store, tenant: TENANT, mode: 'full', ...options }),
    records,
    ids: (collection) => records(collection).map((record) => record.sourcedId),
    // No mock.close(): these tests use no latency or stall faults, so the mock holds no timers.
    cleanup: () => harness.cleanup(),
  };
}

/** A collection's stored records, tombstones included, in sourcedId order. */
export async function dump(store: RosterStore, collection: string, tenant = TENANT): Promise<RosterRecord[]> {
  const records: RosterRecord[] = [];
  for await (const record of store.iterate(tenant, collection)) records.push(record);
  return records;
}

/** Every synced collection's stored records. */
export async function dumpAll(store: RosterStore, tenant = TENANT): Promise<Record<string, RosterRecord[]>> {
  const all: Record<string, RosterRecord[]> = {};
  for (const collection of SYNC_COLLECTIONS) all[collection] = await dump(store, collection, tenant);
  return all;
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

/**
 * Registers an msw server and cleanup for a scenario group. `fixture()` makes a fresh district,
 * provider and store, cleaned up after the test; `server` takes extra handlers.
 */
export function useFixtures(factory: StoreHarnessFactory): {
  fixture: (districtOptions?: GenerateDistrictOptions) => SyncFixture;
  server: ReturnType<typeof setupServer>;
} {
  const server = useMsw();
  let current: SyncFixture | undefined;
  afterEach(async () => {
    await current?.cleanup();
    current = undefined;
  });
  const fixture = (districtOptions: GenerateDistrictOptions = {}): SyncFixture => {
    current = createFixture(server, factory, districtOptions);
    return current;
  };
  return { fixture, server };
}
