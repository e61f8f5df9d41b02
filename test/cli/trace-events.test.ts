import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatTraceLine } from '../../src/cli/debug/trace-events.js';
import { createOneRosterClient, type OneRosterEvent } from '../../src/index.js';
import { staticBearer } from '../helpers/static-auth.js';

const BASE = 'https://sis.test/ims/oneroster/v1p1';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const response = (outcome: Partial<Extract<OneRosterEvent, { type: 'response' }>>) =>
  formatTraceLine({
    type: 'response',
    requestId: 4,
    attempt: 1,
    method: 'GET',
    url: `${BASE}/users?offset=30`,
    durationMs: 12,
    ...outcome,
  });

describe('the --debug trace of a response', () => {
  it('says cancelled for a request the pull no longer needed, failed only for a real failure', () => {
    expect(response({ cancelled: true })).toMatch(/^<- cancelled GET /);
    expect(response({ error: 'NetworkError' })).toMatch(/^<- failed \(NetworkError\) GET /);
    expect(response({ status: 503 })).toMatch(/^<- 503 GET /);
  });

  it('shows the prefetches aborted at the natural end of a pull as cancelled, never as failed', async () => {
    // A count far above what the provider holds: the client prefetches pages past the end, and
    // aborts them when the empty page arrives.
    server.use(
      http.get(`${BASE}/users`, async ({ request }) => {
        const offset = Number(new URL(request.url).searchParams.get('offset') ?? '0');
        if (offset >= 20) await delay(offset === 20 ? 50 : 5_000);
        const users =
          offset >= 20
            ? []
            : Array.from({ length: 10 }, (_, index) => ({
                sourcedId: `u-${offset + index}`,
                status: 'active',
                dateLastModified: '2026-01-01T00:00:00Z',
              }));
        return HttpResponse.json({ users }, { headers: { 'x-total-count': '1000' } });
      }),
    );
    const lines: string[] = [];
    const events: OneRosterEvent[] = [];
    const client = createOneRosterClient({
      baseUrl: BASE,
      auth: staticBearer('t'),
      pageSize: 10,
      concurrency: 4,
      onEvent: (event) => {
        events.push(event);
        lines.push(formatTraceLine(event));
      },
    });
    const ids = await client.users.list({ fields: ['sourcedId'] }).toArray({ maxItems: 100 });
    expect(ids).toHaveLength(20);
    const cancelled = () => events.filter((event) => event.type === 'response' && event.cancelled === true);
    await expect.poll(() => cancelled().length).toBeGreaterThanOrEqual(1);
    expect(lines.filter((line) => line.startsWith('<- cancelled GET '))).toHaveLength(cancelled().length);
    expect(lines.filter((line) => line.includes('failed'))).toEqual([]);
  });
});
