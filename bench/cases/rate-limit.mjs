// 6. Rate limiter: `requestsPerSecond: 20` against a provider that answers 429 past 20 per second.
import { importDist, startServerProcess } from '../lib.mjs';

const LIMIT_PER_S = 20;
/** Target: observed rate at most this far below the limit, and no 429 at all. */
const MAX_SHORTFALL = 0.05;

export async function rateLimit({ quick, log }) {
  const durationMs = quick ? 3_000 : 10_000;
  const server = await startServerProcess({
    district: { preset: 'large', seed: 7 },
    auth: { type: 'bearer', token: 'bench-token' },
    rateLimit: { requestsPerSecond: LIMIT_PER_S },
  });
  let observed;
  let throttled;
  try {
    const { bearerToken, createOneRosterClient } = await importDist('index');
    const client = createOneRosterClient({
      baseUrl: server.baseUrl,
      auth: bearerToken(server.bearerToken),
      requestsPerSecond: LIMIT_PER_S,
    });
    const started = performance.now();
    for await (const _page of client.users.list({ pageSize: 100 }).pages()) {
      if (performance.now() - started >= durationMs) break;
    }
    const elapsedMs = performance.now() - started;
    const stats = await server.stats();
    observed = (stats.requests / elapsedMs) * 1000;
    throttled = stats.statuses['429'] ?? 0;
    log(
      `rate limit: ${stats.requests} requests in ${Math.round(elapsedMs)} ms = ${observed.toFixed(2)}/s, ${throttled} × 429`,
    );
  } finally {
    await server.close();
  }
  const ok = observed >= LIMIT_PER_S * (1 - MAX_SHORTFALL) && throttled === 0;
  return {
    rows: [
      {
        ratio: true,
        measure: `Rate limiter: observed / configured rate (${LIMIT_PER_S}/s for ${durationMs / 1000} s), 429s`,
        value: `${(observed / LIMIT_PER_S).toFixed(3)}, ${throttled} × 429`,
        target: `≥ ${1 - MAX_SHORTFALL}, 0 × 429`,
        status: ok ? 'met' : 'missed',
      },
    ],
    figures: { observed, throttled, durationMs },
  };
}
