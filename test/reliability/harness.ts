/**
 * The fault-injection matrix's harness: a mock provider (msw or a real socket), a client on a virtual
 * clock, a store, and everything an app could log (events, progress, errors, console lines), scanned
 * for secrets and personal data after every test.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, expect, type MockInstance, vi } from 'vitest';
import {
  type ClientOptions,
  createOneRosterClient,
  type OneRosterClient,
  type OneRosterEvent,
  oauth1,
  oauth2ClientCredentials,
} from '../../src/index.js';
import {
  createMemoryStore,
  type RosterStore,
  type SyncOptions,
  type SyncProgressEvent,
  type SyncResult,
  syncRoster,
} from '../../src/sync/index.js';
import {
  type District,
  type GenerateDistrictOptions,
  generateDistrict,
  type MockAuthOptions,
  type MockFault,
  type MockProviderCore,
  type MockQuirks,
  startMockServer,
} from '../../src/testing/index.js';
import { createMockProvider } from '../../src/testing/msw.js';
import { serializeError } from '../helpers/serialize-error.js';
import { createVirtualClock, type VirtualClock } from '../helpers/virtual-clock.js';
import {
  CLIENT_SECRET,
  CONSUMER_SECRET,
  encodingsOf,
  findLeaks,
  personalData,
  SECRET_MARKER,
} from './leaks.js';
import { createRecordingFetch, type Exchange } from './recording-fetch.js';
import { hashStore, providerHash, TENANT } from './store-hash.js';

export { CLIENT_SECRET, CONSUMER_SECRET, findLeaks } from './leaks.js';
export type { Exchange } from './recording-fetch.js';
export { hashStore, TENANT } from './store-hash.js';

/** The client's per-request timeout; the virtual clock holds a sleep of exactly this until `expireDeadlines`. */
export const TIMEOUT_MS = 10_000;

type MswServer = ReturnType<typeof setupServer>;

/** Hosts of the real servers scenarios start on this machine; nothing else may bypass msw. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface ScenarioOptions {
  /** A district, or options for a tiny one. */
  district?: District | GenerateDistrictOptions;
  /** @default OAuth 2.0 with {@link CLIENT_SECRET} */
  auth?: MockAuthOptions;
  quirks?: MockQuirks;
  faults?: MockFault[];
  /** Client options on top of the scenario's (virtual clock, small pages, captured events). */
  client?: Partial<ClientOptions>;
  /** `msw` intercepts fetch; `http` is a real server on a socket. @default 'msw' */
  transport?: 'msw' | 'http';
  /** The provider's clock minus the client's, for OAuth 1.0a timestamp windows. */
  providerSkewMs?: number;
  /** Real delay of every data response (the mock's `latencyMs`). */
  latencyMs?: number;
  /** The store to sync into (closed after the test). @default a memory store on the virtual clock */
  store?: RosterStore;
}

export interface Scenario {
  readonly provider: MockProviderCore;
  readonly district: District;
  readonly clock: VirtualClock;
  readonly client: OneRosterClient;
  /** The client's fetch: records every exchange and every credential sent or received. */
  readonly fetch: typeof globalThis.fetch;
  readonly store: RosterStore;
  readonly events: OneRosterEvent[];
  readonly progress: SyncProgressEvent[];
  readonly exchanges: Exchange[];
  /** Listeners called with each progress event (after it is recorded). */
  readonly onProgress: ((event: SyncProgressEvent) => void)[];
  /** A full sync (unless told otherwise) into the scenario's store, on the virtual clock. */
  sync(options?: Partial<SyncOptions>): Promise<SyncResult>;
  /** A sync that must fail: its error, serialized into the captured output. */
  syncFailure(options?: Partial<SyncOptions>): Promise<unknown>;
  /** Records an error an app would log (serialized into the captured output). */
  recordError(error: unknown): void;
  /** A hash of every stored record of every collection. */
  storeHash(): Promise<string>;
  /**
   * The hash a clean full sync of the district, as it is now, leaves in an empty store, built from the
   * provider's own records with the collections and fields given (not by another run of the SDK).
   */
  cleanHash(options?: Pick<SyncOptions, 'collections' | 'fields'>): Promise<string>;
  /** Exchanges of one path below the base URL, e.g. `/users`. */
  exchangesOf(path: string): Exchange[];
  /** Records received per staged page of a collection, in order. */
  pageSizes(collection: string): number[];
  eventsOf<T extends OneRosterEvent['type']>(type: T): Extract<OneRosterEvent, { type: T }>[];
  /** Everything an app could log so far: events, progress, results and errors, as text. */
  output(): string[];
  /** What must never appear in the output: credentials seen on the wire, and the district's people. */
  forbidden(): { secrets: string[]; names: string[] };
}

interface Tracked {
  scenario: Scenario;
  close: () => Promise<void>;
}

/**
 * Sets up a test file of the matrix: msw (for `msw` scenarios), console capture, and after each test
 * the leak scan of everything the test's scenarios captured.
 */
export function useReliabilityHarness() {
  const msw: MswServer = setupServer();
  const tracked: Tracked[] = [];
  const consoleLines: string[] = [];
  const spies: MockInstance[] = [];

  const strays: string[] = [];

  beforeAll(() =>
    msw.listen({
      // A request no handler answers would reach the real network: it fails, and fails the test. Only
      // the loopback servers of `http` scenarios (startMockServer on 127.0.0.1) are passed through.
      onUnhandledRequest(request, print) {
        if (LOOPBACK_HOSTS.has(new URL(request.url).hostname)) return;
        strays.push(`${request.method} ${request.url}`);
        print.error();
      },
    }),
  );
  afterAll(() => msw.close());
  beforeEach(() => {
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      spies.push(
        vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
          consoleLines.push(
            args.map((arg) => (typeof arg === 'string' ? arg : serializeError(arg))).join(' '),
          );
        }),
      );
    }
  });
  afterEach(async () => {
    for (const spy of spies.splice(0)) spy.mockRestore();
    const all = tracked.splice(0);
    try {
      expect(strays.splice(0), 'requests that no mock answers, which would reach the network').toEqual([]);
      for (const entry of all) {
        const { secrets, names } = entry.scenario.forbidden();
        const leaks = findLeaks([...entry.scenario.output(), ...consoleLines], secrets, names);
        expect(
          leaks,
          'events, progress, errors and console lines hold no secret and no personal data',
        ).toEqual([]);
      }
    } finally {
      consoleLines.splice(0);
      for (const entry of all) await entry.close();
      msw.resetHandlers();
    }
  });

  async function scenario(options: ScenarioOptions = {}): Promise<Scenario> {
    const district =
      options.district !== undefined && 'mutate' in options.district
        ? options.district
        : generateDistrict({ preset: 'tiny', ...(options.district as GenerateDistrictOptions | undefined) });
    const clock = createVirtualClock({ timeoutMs: TIMEOUT_MS });
    const auth: MockAuthOptions = options.auth ?? { type: 'oauth2', clientSecret: CLIENT_SECRET };
    const providerOptions = {
      district,
      auth,
      ...(options.quirks ? { quirks: options.quirks } : {}),
      ...(options.faults ? { faults: options.faults } : {}),
      ...(options.latencyMs === undefined ? {} : { latencyMs: options.latencyMs }),
      now: () => clock.now() + (options.providerSkewMs ?? 0),
    };
    let provider: MockProviderCore;
    let closeProvider: () => Promise<void>;
    if (options.transport === 'http') {
      const server = await startMockServer(providerOptions);
      provider = server.provider;
      closeProvider = () => server.close();
    } else {
      const mock = createMockProvider(providerOptions);
      msw.use(...mock.handlers);
      provider = mock;
      closeProvider = async () => mock.close();
    }

    const events: OneRosterEvent[] = [];
    const progress: SyncProgressEvent[] = [];
    const exchanges: Exchange[] = [];
    const errors: string[] = [];
    const results: string[] = [];
    const secrets = new Set<string>([SECRET_MARKER]);
    const onProgress: ((event: SyncProgressEvent) => void)[] = [];
    if (auth.type === 'oauth2') for (const form of encodingsOf(CLIENT_SECRET)) secrets.add(form);
    if (auth.type === 'oauth1') for (const form of encodingsOf(CONSUMER_SECRET)) secrets.add(form);

    const recordingFetch = createRecordingFetch(clock, exchanges, secrets);

    const clientAuth =
      auth.type === 'oauth2'
        ? oauth2ClientCredentials({
            tokenUrl: provider.tokenUrl as string,
            clientId: provider.clientId,
            clientSecret: provider.clientSecret,
          })
        : auth.type === 'oauth1'
          ? oauth1({ consumerKey: provider.clientId, consumerSecret: provider.clientSecret })
          : auth.type === 'bearer'
            ? {
                kind: 'bearer' as const,
                authorize: async () => ({ authorization: `Bearer ${provider.bearerToken}` }),
              }
            : { kind: 'none' as const, authorize: async () => ({}) };
    const client = createOneRosterClient({
      baseUrl: provider.baseUrl,
      auth: clientAuth,
      fetch: recordingFetch,
      clock,
      random: () => 0.5,
      timeoutMs: TIMEOUT_MS,
      pageSize: 7,
      retry: { retries: 5, minDelayMs: 100, maxDelayMs: 10_000 },
      ...options.client,
      onEvent: (event) => {
        events.push(event);
        options.client?.onEvent?.(event);
      },
    });
    const store = options.store ?? createMemoryStore({ now: () => clock.now() });
    const basePath = new URL(provider.baseUrl).pathname;

    const recordError = (error: unknown): void => {
      errors.push(serializeError(error));
    };
    const sync = async (syncOptions: Partial<SyncOptions> = {}): Promise<SyncResult> => {
      const result = await syncRoster({
        client,
        store,
        tenant: TENANT,
        mode: 'full',
        now: () => clock.now(),
        ...syncOptions,
        onProgress: (event) => {
          progress.push(event);
          for (const listener of onProgress) listener(event);
          syncOptions.onProgress?.(event);
        },
      });
      results.push(JSON.stringify(result));
      return result;
    };

    const scenario: Scenario = {
      provider,
      district,
      clock,
      client,
      fetch: recordingFetch,
      store,
      events,
      progress,
      exchanges,
      onProgress,
      sync,
      async syncFailure(syncOptions) {
        try {
          await sync(syncOptions);
        } catch (error) {
          recordError(error);
          return error;
        }
        throw new Error('expected the sync to fail');
      },
      recordError,
      storeHash: () => hashStore(store),
      cleanHash: async (syncOptions) => providerHash(district, syncOptions),
      exchangesOf: (path) => exchanges.filter((exchange) => exchange.url.pathname === `${basePath}${path}`),
      pageSizes(collection) {
        const sizes: number[] = [];
        let previous = 0;
        for (const event of progress) {
          if (event.type === 'collection-started' && event.collection === collection) previous = 0;
          if (event.type !== 'page' || event.collection !== collection) continue;
          sizes.push(event.received - previous);
          previous = event.received;
        }
        return sizes;
      },
      eventsOf: <T extends OneRosterEvent['type']>(type: T) =>
        events.filter((event): event is Extract<OneRosterEvent, { type: T }> => event.type === type),
      output: () => [
        ...events.map((event) => JSON.stringify(event)),
        ...progress.map((event) => JSON.stringify(event)),
        ...errors,
        ...results,
      ],
      forbidden: () => ({ secrets: [...secrets], names: personalData(district) }),
    };
    tracked.push({
      scenario,
      close: async () => {
        await store.close();
        await closeProvider();
      },
    });
    return scenario;
  }

  return { msw, scenario };
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

/** A deterministic random source in [0, 1) that remembers its draws (mulberry32). */
export function recordingRandom(seed: number): { random: () => number; draws: number[] } {
  let state = seed >>> 0;
  const draws: number[] = [];
  return {
    draws,
    random: () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      const value = ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
      draws.push(value);
      return value;
    },
  };
}

/** Mutates users so that a sync that applied anything to the collection would change the store. */
export function changeSomeUsers(district: District): void {
  const ids = [...district.records('users')].map((user) => user.sourcedId);
  district.mutate.update('users', ids[3] as string, { username: 'renamed-user' });
  district.mutate.delete('users', ids[7] as string);
}
