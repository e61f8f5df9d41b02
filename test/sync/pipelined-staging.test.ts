import { describe, expect, it } from 'vitest';
import type { OneRosterClient } from '../../src/index.js';
import {
  createMemoryStore,
  type RosterStore,
  syncRoster as runSync,
  type StageOptions,
  type SyncProgressEvent,
} from '../../src/sync/index.js';
import { generateDistrict } from '../../src/testing/index.js';
import { createMockProvider } from '../../src/testing/msw.js';
import { dumpAll, mockClient, rejection, TENANT, useMsw } from './sync-helpers.js';

// The engine stages a page while it pulls the next one, one stage at a time: these pin that overlap,
// its order, and that no stage outlives a failed pull.

const server = useMsw();

/** A promise with its resolve, to hold a store call until the test says so. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** The store with some of its methods replaced, everything else as it is. */
function overriding(store: RosterStore, overrides: Partial<RosterStore>): RosterStore {
  return new Proxy(store, {
    get: (target, key, receiver) =>
      Object.hasOwn(overrides, key) ? Reflect.get(overrides, key) : Reflect.get(target, key, receiver),
  });
}

/** A number the engine's checkpoint of a staged page holds (`pages` staged, `offset` received). */
function checkpointField(options: StageOptions | undefined, field: 'pages' | 'offset'): number {
  const checkpoint = options?.checkpoint;
  const value =
    typeof checkpoint === 'object' && checkpoint !== null && !Array.isArray(checkpoint)
      ? checkpoint[field]
      : undefined;
  if (typeof value !== 'number') throw new Error(`the stage carried no checkpoint ${field}`);
  return value;
}

function setup() {
  const district = generateDistrict({ preset: 'tiny' });
  const mock = createMockProvider({ district, auth: { type: 'none' } });
  server.use(...mock.handlers);
  const requests: URL[] = [];
  // One request at a time, so how far the pager reads ahead depends on the pages the engine took.
  const client = mockClient(mock.baseUrl, requests, 5, 1);
  return { mock, requests, client };
}

/** Requests for a collection's page at `offset` (5 records a page). */
function requested(requests: readonly URL[], collection: string, offset: number): boolean {
  return requests.some(
    (url) =>
      url.pathname.endsWith(`/${collection}`) && Number(url.searchParams.get('offset') ?? 0) === offset,
  );
}

describe('staging while the next page is pulled', () => {
  it('pulls on while a page is being staged, one stage at a time and in page order', async () => {
    const { requests, client } = setup();
    const store = createMemoryStore();
    const stagedOffsets: number[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    let waited = false;
    const released = gate();
    const stage: RosterStore['stage'] = async (run, collection, records, options) => {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      try {
        if (collection === 'users' && stagedOffsets.length === 0) {
          // The first users page is held until the pull has asked for the fourth page. At one request
          // at a time the pager holds at most two pages the engine has not taken, so it asks for
          // the fourth only once the engine has taken the second: a pull that waited for each stage
          // would never get there (the test fails on its timeout instead of passing).
          waited = true;
          await released.opened;
        }
        if (collection === 'users') stagedOffsets.push(checkpointField(options, 'offset'));
        await store.stage(run, collection, records, options);
      } finally {
        inFlight--;
      }
    };
    const watch = setInterval(() => {
      if (waited && requested(requests, 'users', 15)) released.open();
    }, 5);
    const pages: SyncProgressEvent[] = [];
    try {
      const result = await syncRoster(client, overriding(store, { stage }), (event) => {
        if (event.type === 'page' && event.collection === 'users') pages.push(event);
      });
      expect(result.status).toBe('committed');
    } finally {
      clearInterval(watch);
    }
    expect(mostInFlight).toBe(1);
    // 30 users in pages of 5: staged in page order, each page's progress after its stage.
    expect(stagedOffsets).toEqual([5, 10, 15, 20, 25, 30]);
    expect(pages.map((event) => (event.type === 'page' ? event.received : -1))).toEqual([
      5, 10, 15, 20, 25, 30,
    ]);
    expect((await dumpAll(store)).users).toHaveLength(30);
  }, 20_000);

  it('fails with the stage that failed, and stages nothing after it', async () => {
    const { client } = setup();
    const store = createMemoryStore();
    const stagedPages: number[] = [];
    const failure = new Error('the disk is full');
    const stage: RosterStore['stage'] = async (run, collection, records, options) => {
      if (collection === 'users') {
        const page = checkpointField(options, 'pages');
        stagedPages.push(page);
        if (page === 2) throw failure;
      }
      await store.stage(run, collection, records, options);
    };
    const error = await rejection(syncRoster(client, overriding(store, { stage })));
    expect(error).toBe(failure);
    expect(stagedPages).toEqual([1, 2]);
    expect(await dumpAll(store).then((all) => all.users)).toEqual([]);
    expect((await store.lastFullSync(TENANT)) ?? null).toBeNull();
    // The run was ended: the next sync begins afresh and completes.
    expect((await syncRoster(client, store)).status).toBe('committed');
  });

  it('lets a stage in flight finish before a failed pull ends the run', async () => {
    const { mock, requests, client } = setup();
    // The third users page fails (no retries): the pull throws while the second page is staging.
    mock.addFault({ type: 'serverError', status: 500, path: '/users', nth: 3 });
    const store = createMemoryStore();
    const events: string[] = [];
    const stage: RosterStore['stage'] = async (run, collection, records, options) => {
      const page = checkpointField(options, 'pages');
      if (collection === 'users' && page === 2) {
        events.push('stage 2 started');
        // Held until the failing request has been answered and the engine had time to react to it.
        while (!requested(requests, 'users', 10)) await new Promise((resolve) => setTimeout(resolve, 5));
        await new Promise((resolve) => setTimeout(resolve, 100));
        await store.stage(run, collection, records, options);
        events.push('stage 2 finished');
        return;
      }
      await store.stage(run, collection, records, options);
    };
    const finishRun: RosterStore['finishRun'] = async (run, options) => {
      events.push(`run ${options.status}`);
      return store.finishRun(run, options);
    };
    const guarded = overriding(store, { stage, finishRun });
    const error = await rejection(syncRoster(client, guarded));
    expect(error).toMatchObject({ name: 'ServerError', status: 500 });
    expect(events).toEqual(['stage 2 started', 'stage 2 finished', 'run failed']);
    expect(await store.getCheckpoint(TENANT)).toBeUndefined();
  });
});

/** A full sync of the tiny district through `store`. */
function syncRoster(
  client: OneRosterClient,
  store: RosterStore,
  onProgress?: (event: SyncProgressEvent) => void,
) {
  return runSync({ client, store, tenant: TENANT, mode: 'full', ...(onProgress ? { onProgress } : {}) });
}
