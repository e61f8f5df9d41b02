// The three ways of pulling a collection that the benchmark compares. Each reads `records` records
// of `collection` from offset 0 at `pageSize`, with the same query the SDK sends
// (`sort=sourcedId&orderBy=asc`), so the provider does the same work for all three. Each touches
// every record (a sum of id lengths) so no engine can skip the work.
import { importDist } from './lib.mjs';

// Loading the `undici` package installs its own Agent as the process's global dispatcher, which
// Node's `fetch` then uses too, unless Node's bundled one is installed first: the SDK and the fetch
// baseline must run on the `fetch` users get (the two differ in when a request reaches the socket).
// A `data:` fetch loads Node's bundled dispatcher without a network request.
await (await fetch('data:,')).text();
const { Agent, request } = await import('undici');
/** The undici baseline's own connection pool, from the package (keep-alive, like the others). */
const undiciAgent = new Agent();

function pageUrl({ baseUrl, collection, pageSize }, offset) {
  return `${baseUrl}/${collection}?limit=${pageSize}&offset=${offset}&sort=sourcedId&orderBy=asc`;
}

/**
 * The SDK: `client.<collection>.list()` with validation on (the default, lenient) into a null sink.
 * `concurrency: 1` matches the baselines' one request at a time unless the case says otherwise.
 */
export async function sdkPull(options) {
  const {
    baseUrl,
    token,
    collection,
    pageSize,
    records = Number.POSITIVE_INFINITY,
    concurrency = 1,
    dedupe = true,
    markAt = Number.POSITIVE_INFINITY,
    liveHeapAt = [],
  } = options;
  const { bearerToken, createOneRosterClient } = await importDist('index');
  const client = createOneRosterClient({ baseUrl, auth: bearerToken(token), concurrency, dedupe, pageSize });
  const started = performance.now();
  let count = 0;
  let checksum = 0;
  const pull = client[collection].list({ pageSize });
  // Time at `markAt` records, so a caller can tell start-up (connections, JIT) from the steady rate.
  let markMs;
  // With --expose-gc: the heap still reachable at these record counts, the pull in progress.
  const liveHeapMb = {};
  const liveHeapMarks = new Set(liveHeapAt);
  for await (const record of pull) {
    checksum += record.sourcedId.length;
    if (++count === markAt) markMs = performance.now() - started;
    if (liveHeapMarks.has(count)) {
      globalThis.gc();
      liveHeapMb[count] = process.memoryUsage().heapUsed / 1024 / 1024;
    }
    if (count >= records) break;
  }
  const ms = performance.now() - started;
  return {
    records: count,
    ms,
    markMs,
    checksum,
    requests: pull.summary.requests,
    quarantined: pull.summary.quarantined,
    liveHeapMb,
  };
}

function toTotal(header) {
  return typeof header === 'string' && /^\d+$/.test(header) ? Number(header) : undefined;
}

async function handWritten(options, get) {
  const { collection, records = Number.POSITIVE_INFINITY, markAt = Number.POSITIVE_INFINITY } = options;
  // A top-level collection's list envelope key is its name (`{"users": [...]}`, digest "Base path and endpoints").
  let markMs;
  const started = performance.now();
  let count = 0;
  let checksum = 0;
  let requests = 0;
  for (let offset = 0; count < records; ) {
    const page = await get(pageUrl(options, offset));
    requests++;
    const list = JSON.parse(page.text)[collection];
    if (list.length === 0) break;
    for (const record of list) {
      checksum += record.sourcedId.length;
      if (++count === markAt) markMs = performance.now() - started;
      if (count >= records) break;
    }
    offset += list.length;
    // Stops where the SDK does when the provider sends a count, so both make the same requests.
    if (page.total !== undefined && offset >= page.total) break;
  }
  return { records: count, ms: performance.now() - started, markMs, checksum, requests };
}

/** Baseline: `fetch` (Node's bundled undici), `JSON.parse`, no validation. */
export function fetchPull(options) {
  const headers = { authorization: `Bearer ${options.token}`, accept: 'application/json' };
  return handWritten(options, async (url) => {
    const response = await fetch(url, { headers });
    if (!response.ok) throw new Error(`fetch baseline: HTTP ${response.status}`);
    return { text: await response.text(), total: toTotal(response.headers.get('x-total-count')) };
  });
}

/** Baseline: `undici.request` (no WHATWG streams), `JSON.parse`, no validation: the practical ceiling. */
export function undiciPull(options) {
  const headers = { authorization: `Bearer ${options.token}`, accept: 'application/json' };
  return handWritten(options, async (url) => {
    const response = await request(url, { headers, dispatcher: undiciAgent });
    if (response.statusCode !== 200) throw new Error(`undici baseline: HTTP ${response.statusCode}`);
    return { text: await response.body.text(), total: toTotal(response.headers['x-total-count']) };
  });
}

export const PULLERS = { sdk: sdkPull, fetch: fetchPull, undici: undiciPull };
