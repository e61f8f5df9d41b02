import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createProviderCore,
  generateDistrict,
  type MockServer,
  oauth1BaseString,
  oauth1Signature,
  startMockServer,
} from '../../src/testing/index.js';
import { createMockProvider } from '../../src/testing/msw.js';
import { countGenerated } from '../helpers/count-generated.js';
import { fetchToken, getJson, useMsw } from './helpers.js';

const { countingPrng } = await vi.hoisted(() => import('../helpers/count-generated.js'));
vi.mock('../../src/testing/district/prng.js', (original) => countingPrng(original));

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('startMockServer', () => {
  it('listens on 127.0.0.1 with OAuth 2.0 by default and reports its credentials', async () => {
    server = await startMockServer({ prefix: '/aeries' });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.baseUrl).toBe(`${server.url}/aeries/ims/oneroster/v1p1`);
    expect(server.tokenUrl).toBe(`${server.url}/aeries/oauth2/token`);
    const token = await fetchToken(server);
    const response = await getJson(server.baseUrl, '/orgs', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    expect((await getJson(server.baseUrl, '/orgs')).status).toBe(401);
  });

  it('keeps connections alive and counts requests, routes, statuses and concurrency', async () => {
    // Four requests held at once by a stall, released by their client: concurrency without a race.
    server = await startMockServer({
      auth: { type: 'none' },
      faults: [{ type: 'stallHeaders', path: '/users', times: 4 }],
    });
    const { stats } = server;
    const controller = new AbortController();
    const held = Array.from({ length: 4 }, () =>
      fetch(`${server?.baseUrl}/users?fields=sourcedId,givenName`, { signal: controller.signal }).catch(
        (error: unknown) => error,
      ),
    );
    await expect.poll(() => stats.inFlight, { timeout: 10_000 }).toBe(4);
    controller.abort();
    await Promise.all(held);
    await expect.poll(() => stats.inFlight, { timeout: 10_000 }).toBe(0);
    const heldConnections = stats.connections;
    for (let i = 0; i < 4; i++)
      await (await fetch(`${server.baseUrl}/users?fields=sourcedId,givenName`)).text();
    for (let i = 0; i < 6; i++)
      await (await fetch(`${server.baseUrl}/classes/cls-0000000001/students`)).text();
    await (await fetch(`${server.baseUrl}/users/nope`)).text();
    expect(stats.requests).toBe(15);
    expect(stats.byPath['/users']).toBe(8);
    expect(stats.byRoute['/classes/{id}/students']).toBe(6);
    expect(stats.byRoute['/users/{id}']).toBe(1);
    expect(stats.statuses[200]).toBe(10);
    expect(stats.statuses[404]).toBe(1);
    expect(stats.maxInFlight).toBe(4);
    expect(stats.inFlight).toBe(0);
    // Keep-alive: the 11 requests after the held ones share a connection or two.
    expect(stats.connections - heldConnections).toBeLessThanOrEqual(2);
    expect(stats.fieldsRequested.users).toEqual(['sourcedId', 'givenName', '*']);
    expect(stats.fieldsRequested.demographics).toBeUndefined();
    stats.reset();
    expect(stats.requests).toBe(0);
    expect(stats.byPath).toEqual({});
    expect(stats.fieldsRequested).toEqual({});
  });

  it('verifies OAuth 1.0a over the exact URL sent, filters with spaces and quotes included', async () => {
    server = await startMockServer({ auth: { type: 'oauth1', consumerKey: 'k', consumerSecret: 's3cr&t' } });
    const filter = encodeURIComponent("familyName='O'Connor' OR givenName='Mary Ann'").replace(/'/g, '%27');
    const url = `${server.baseUrl}/users?filter=${filter}&fields=sourcedId,familyName&limit=5`;
    const oauth = {
      oauth_consumer_key: 'k',
      oauth_nonce: 'n-1',
      oauth_signature_method: 'HMAC-SHA256',
      oauth_timestamp: String(Math.floor(Date.now() / 1000)),
    };
    const signature = oauth1Signature(
      'HMAC-SHA256',
      oauth1BaseString('GET', url, new Map(Object.entries(oauth))),
      's3cr&t',
    );
    const header = `OAuth ${Object.entries({ ...oauth, oauth_signature: signature })
      .map(([k, v]) => `${k}="${encodeURIComponent(v)}"`)
      .join(', ')}`;
    const response = await getJson(url, '', { headers: { authorization: header } });
    expect(response.status).toBe(200);
    expect(response.body.users.every((u) => u.familyName === "O'Connor" || u.givenName === 'Mary Ann')).toBe(
      true,
    );
  });

  it('serves a page of 10,000 records deep in a large district without computing the pages before it', async () => {
    server = await startMockServer({
      auth: { type: 'none' },
      district: generateDistrict({ preset: 'large' }),
    });
    const { baseUrl } = server;
    const { result: response, generated } = await countGenerated(() =>
      getJson(baseUrl, '/enrollments?limit=10000&offset=500000'),
    );
    expect(response.body.enrollments).toHaveLength(10_000);
    expect(response.body.enrollments[0]?.sourcedId).toBe('enr-0000500000');
    // The page itself, not the 500,000 enrollments before it.
    expect(generated).toBe(10_000);
  });
});

describe('createProviderCore', () => {
  it('answers plain request objects without any HTTP framework', async () => {
    const core = createProviderCore({ auth: { type: 'none' }, baseUrl: 'https://sis.example.org/x' });
    const response = await core.handle({
      method: 'GET',
      url: `${core.baseUrl}/orgs?limit=1`,
      headers: {},
      body: '',
    });
    expect(response.status).toBe(200);
    expect(response.headers['x-total-count']).toBe(String(core.district.count('orgs')));
    expect((JSON.parse(response.body as string) as { orgs: unknown[] }).orgs).toHaveLength(1);
    const posted = await core.handle({
      method: 'POST',
      url: `${core.baseUrl}/orgs`,
      headers: {},
      body: '{}',
    });
    expect(posted.status).toBe(405);
    expect(core.stats.inFlight).toBe(0);
    expect(core.stats.statuses).toEqual({ 200: 1, 405: 1 });
  });
});

describe('msw adapter faults', () => {
  const msw = useMsw();

  it('errors the body stream on a connection reset, and fails the fetch when headers stall', async () => {
    const provider = createMockProvider({
      auth: { type: 'none' },
      faults: [{ type: 'connectionReset' }, { type: 'stallHeaders', nth: 2 }],
    });
    msw.install(provider.handlers);
    const reset = await fetch(`${provider.baseUrl}/users`);
    await expect(reset.text()).rejects.toThrow();
    await expect(fetch(`${provider.baseUrl}/users`, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    await expect.poll(() => provider.pendingWaits, { timeout: 10_000 }).toBe(0);
    expect((await fetch(`${provider.baseUrl}/users`)).status).toBe(200);
    expect(provider.stats.faults).toEqual({ connectionReset: 1, stallHeaders: 1 });
  });

  it('ends a stalled body at close()', async () => {
    const provider = createMockProvider({ auth: { type: 'none' }, faults: [{ type: 'stallBody' }] });
    msw.install(provider.handlers);
    const response = await fetch(`${provider.baseUrl}/users`);
    const body = response.text();
    provider.close();
    await expect(body).rejects.toThrow();
  });
});
