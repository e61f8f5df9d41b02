import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { advise } from '../../src/cli/doctor/advise.js';
import type { Check } from '../../src/cli/doctor/doctor-report.js';
import type { ProbeContext } from '../../src/cli/doctor/probe-context.js';
import { createProbeRecorder } from '../../src/cli/doctor/probe-session.js';
import { probeSortCost } from '../../src/cli/doctor/probe-sort-cost.js';
import { createOneRosterClient, oauth2ClientCredentials } from '../../src/index.js';
import { generateDistrict, type MockServer, startMockServer } from '../../src/testing/index.js';
import { createManualClock } from '../helpers/manual-clock.js';

let server: MockServer;
beforeEach(async () => {
  server = await startMockServer({ district: generateDistrict({ preset: 'tiny' }) });
});
afterEach(() => server.close());

/**
 * The sort-cost probe over the mock, timed by a manual clock that each data request moves forward:
 * by `sortedMs` for a page with sort=sourcedId, by `unsortedMs` for one without.
 */
async function sortCost(
  unsortedMs: number,
  sortedMs: number,
  { ownOrder = 'sourcedId' }: { ownOrder?: 'sourcedId' | 'reversed' } = {},
): Promise<Check> {
  const clock = createManualClock();
  const recorder = createProbeRecorder({
    now: clock.now,
    fetch: async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (!url.href.startsWith(server.baseUrl)) return globalThis.fetch(input, init);
      const sorted = url.searchParams.get('sort') === 'sourcedId';
      clock.advance(sorted ? sortedMs : unsortedMs);
      const response = await globalThis.fetch(input, init);
      if (sorted || ownOrder === 'sourcedId') return response;
      // A provider whose storage order is not sourcedId's: the mock's page, reversed.
      const body = (await response.json()) as { enrollments: unknown[] };
      return Response.json({ enrollments: body.enrollments.reverse() }, { headers: response.headers });
    },
  });
  const client = createOneRosterClient({
    baseUrl: server.baseUrl,
    auth: oauth2ClientCredentials({
      tokenUrl: server.tokenUrl ?? '',
      clientId: server.clientId,
      clientSecret: server.clientSecret,
    }),
    fetch: recorder.fetch,
    onEvent: recorder.onEvent,
  });
  const context: ProbeContext = {
    session: recorder.session(client),
    client,
    ids: {},
    samples: {},
    probeLimit: 100,
    configured: { version: undefined, validation: 'lenient' },
    version: '1.1',
  };
  return probeSortCost(context);
}

const sortHonoured: Check = {
  id: 'sort',
  title: 'Sort',
  status: 'ok',
  summary: '',
  detected: { honoured: true, refused: false },
};

/** Deletions seen: the one check whose absence calls for advice of its own. */
const deletionsSeen: Check = {
  id: 'tombstones',
  title: '',
  status: 'ok',
  summary: '',
  detected: { seen: true },
};

describe('the cost of sort=sourcedId', () => {
  it('reports the time of a page with and without it, as a ratio, and advises when sorting is much slower', async () => {
    const cost = await sortCost(100, 320, { ownOrder: 'reversed' });
    expect(cost).toMatchObject({
      id: 'sort-cost',
      status: 'info',
      detected: { unsortedMs: 100, sortedMs: 320, ratio: 3.2, slow: true, ownOrderAscending: false },
    });
    expect(cost.summary).toBe(
      'a page of 100 enrollments takes 320 ms with sort=sourcedId, 100 ms without (×3.2)',
    );
    const { advice, cliFlags, clientOptions } = advise([sortHonoured, cost, deletionsSeen]);
    expect(advice).toEqual([
      expect.stringContaining(
        'A page sorted by sourcedId takes 3.2× as long as an unsorted one (320 ms against 100 ms): the provider likely sorts in memory',
      ),
    ]);
    // Turning sorting off trades stable paging for load: the doctor says so, it does not set it.
    expect(cliFlags).toEqual([]);
    expect(clientOptions).toEqual({});
  });

  it("advises stableSort: 'auto' when sorting is much slower and the provider's own order already is sourcedId's", async () => {
    const cost = await sortCost(100, 320);
    expect(cost.detected).toMatchObject({ slow: true, ownOrderAscending: true });
    expect(cost.summary).toBe(
      'a page of 100 enrollments takes 320 ms with sort=sourcedId, 100 ms without (×3.2); unsorted, it already comes in sourcedId order',
    );
    const { advice, cliFlags, clientOptions } = advise([sortHonoured, cost, deletionsSeen]);
    expect(advice).toEqual([expect.stringContaining("stableSort: 'auto' (--stable-sort auto)")]);
    // 'auto' checks every id and sorts a collection whose order is not sourcedId's: safe to set.
    expect(cliFlags).toEqual(['--stable-sort auto']);
    expect(clientOptions).toEqual({ stableSort: 'auto' });
  });

  it('gives no advice when sorting costs little, or only milliseconds', async () => {
    const cheap = await sortCost(100, 130);
    expect(cheap.detected).toEqual({
      unsortedMs: 100,
      sortedMs: 130,
      ratio: 1.3,
      slow: false,
      ownOrderAscending: true,
    });
    // Three times as slow, but 10 ms: jitter on a fast provider, not a cost.
    const quick = await sortCost(5, 15);
    expect(quick.detected).toMatchObject({ ratio: 3, slow: false });
    expect(advise([sortHonoured, cheap, deletionsSeen]).advice).toEqual([]);
    expect(advise([sortHonoured, quick, deletionsSeen]).advice).toEqual([]);
  });
});
