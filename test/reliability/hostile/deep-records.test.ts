import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  bearerToken,
  createOneRosterClient,
  isResponseValidationError,
  MAX_RECORD_DEPTH,
  type OneRosterEvent,
  RecordTooDeepError,
  TOO_DEEP_ISSUE_CODE,
} from '../../../src/index.js';
import { createMemoryStore, syncRoster } from '../../../src/sync/index.js';
import { canonicalJson } from '../../../src/sync/store/canonical-json.js';
import { type HostileServer, startHostileServer } from './hostile-server.js';
import { rosterUserWithId } from './roster-users.js';

/** Levels of nesting in the hostile record: far past the call stack of a recursive walk. */
const HOSTILE_DEPTH = 10_000;

const user = rosterUserWithId;

/** A user whose `metadata` is `{"a":{"a":...}}` `HOSTILE_DEPTH` levels deep, as JSON text (JSON.stringify cannot write it). */
function deepUserJson(sourcedId: string): string {
  const plain = JSON.stringify(user(sourcedId)).slice(0, -1);
  return `${plain},"metadata":${'{"a":'.repeat(HOSTILE_DEPTH)}1${'}'.repeat(HOSTILE_DEPTH)}}`;
}

/** A deep value built in memory, as JSON.parse builds it. */
function deepValue(levels: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < levels; level++) value = { a: value };
  return value;
}

function sendText(response: ServerResponse, text: string): void {
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/**
 * A provider whose first users page holds two records nested `HOSTILE_DEPTH` levels deep among
 * good ones, one of them last (a page's edge records are compared to detect a provider ignoring `offset`).
 */
async function startProvider(): Promise<HostileServer> {
  return startHostileServer((request, response) => {
    const url = new URL(request.url, 'http://provider.test');
    const collection = url.pathname.split('/').at(-1) ?? '';
    const offset = Number(url.searchParams.get('offset') ?? '0');
    if (collection !== 'users' || offset > 0) {
      sendText(response, JSON.stringify({ [collection]: [] }));
      return;
    }
    const records = [
      JSON.stringify(user('user-1')),
      deepUserJson('user-deep-1'),
      JSON.stringify(user('user-2')),
      deepUserJson('user-deep-2'),
    ];
    sendText(response, `{"users":[${records.join(',')}]}`);
  });
}

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('a provider that sends a record nested 10,000 levels deep', () => {
  it('lists every other record and quarantines the deep ones, naming the depth', async () => {
    server = await startProvider();
    const events: OneRosterEvent[] = [];
    const client = createOneRosterClient({
      baseUrl: server.baseUrl,
      auth: bearerToken('hostile-test-token'),
      retry: { retries: 0 },
      onEvent: (event) => events.push(event),
    });

    const ids: string[] = [];
    for await (const record of client.users.list()) ids.push(record.sourcedId);

    expect(ids).toEqual(['user-1', 'user-2']);
    const quarantined = events.filter((event) => event.type === 'record-quarantined');
    expect(quarantined).toEqual([
      {
        type: 'record-quarantined',
        collection: 'users',
        sourcedId: 'user-deep-1',
        issues: [{ path: 'metadata', code: TOO_DEEP_ISSUE_CODE }],
      },
      {
        type: 'record-quarantined',
        collection: 'users',
        sourcedId: 'user-deep-2',
        issues: [{ path: 'metadata', code: TOO_DEEP_ISSUE_CODE }],
      },
    ]);
    expect(TOO_DEEP_ISSUE_CODE).toContain(String(MAX_RECORD_DEPTH));
  });

  it('completes a sync that stores the other records', async () => {
    server = await startProvider();
    const client = createOneRosterClient({
      baseUrl: server.baseUrl,
      auth: bearerToken('hostile-test-token'),
      retry: { retries: 0 },
    });
    const store = createMemoryStore();

    const result = await syncRoster({ client, store, tenant: 'district-1', collections: ['users'] });

    expect(result.collections.users).toMatchObject({ received: 4, inserted: 2, quarantined: 2 });
    expect(await store.get('district-1', 'users', 'user-1')).toBeDefined();
    expect(await store.get('district-1', 'users', 'user-2')).toBeDefined();
    expect(await store.get('district-1', 'users', 'user-deep-1')).toBeUndefined();
  });

  it('fails a single read of the deep record with a validation error, not a stack overflow', async () => {
    server = await startHostileServer((_request, response) => {
      sendText(response, `{"user":${deepUserJson('user-deep-1')}}`);
    });
    const client = createOneRosterClient({
      baseUrl: server.baseUrl,
      auth: bearerToken('hostile-test-token'),
      retry: { retries: 0 },
    });

    const error = await client.users.get('user-deep-1').catch((caught: unknown) => caught);

    expect(isResponseValidationError(error)).toBe(true);
    expect(isResponseValidationError(error) && error.issues).toEqual([
      { path: 'metadata', code: TOO_DEEP_ISSUE_CODE },
    ]);
  });
});

describe('canonical JSON of a value nested too deep', () => {
  it('throws a RecordTooDeepError rather than overflow the stack', () => {
    expect(() => canonicalJson({ metadata: deepValue(HOSTILE_DEPTH) })).toThrow(RecordTooDeepError);
    expect(() => canonicalJson(deepValue(MAX_RECORD_DEPTH + 1))).toThrow(/deeper than 64 levels/);
  });

  it('still writes a value exactly MAX_RECORD_DEPTH levels deep', () => {
    expect(canonicalJson(deepValue(MAX_RECORD_DEPTH))).toContain('{"a":1}');
  });
});
