// The run's table and docs/performance.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DOC_PATH = fileURLToPath(new URL('../docs/performance.md', import.meta.url));
const OPTIMISATIONS_PATH = fileURLToPath(new URL('./optimisations.md', import.meta.url));
const STATUS = { met: 'met', missed: '**missed**', info: '', skipped: 'skipped', crashed: '**crashed**' };

/** One markdown table, the ratios (and other checks against a target) first. */
export function renderTable(rows) {
  const ordered = [...rows.filter((row) => row.ratio), ...rows.filter((row) => !row.ratio)];
  const lines = ['| Measure | Result | Target | Status |', '|---|---|---|---|'];
  for (const row of ordered)
    lines.push(`| ${row.measure} | ${row.value} | ${row.target} | ${STATUS[row.status] ?? row.status} |`);
  return lines.join('\n');
}

function methodOf(results) {
  const lines = [];
  const pull = results.pull;
  if (pull) {
    lines.push(
      `- **Pull throughput**: one \`startMockServer\` process on loopback (keep-alive), district \`${JSON.stringify(pull.district)}\` ` +
        `(${pull.counts.users.toLocaleString('en')} users, ${pull.counts.enrollments.toLocaleString('en')} enrollments: one enrollment per student, so every run reads a whole collection to its end). ` +
        `Each run reads the whole collection with the same query (\`sort=sourcedId&orderBy=asc\`) and stops where the provider's \`X-Total-Count\` says, one request at a time: ` +
        `the SDK's \`client.<collection>.list({ pageSize })\` with \`concurrency: 1\` and its defaults otherwise (lenient validation, de-duplication), ` +
        `against hand-written loops of \`fetch\` + \`JSON.parse\` and of \`undici.request\` + \`JSON.parse\`, with no validation. The SDK and the \`fetch\` loop use Node's own \`fetch\` and its dispatcher, the \`undici\` loop an \`Agent\` of the \`undici\` package. At \`concurrency: 1\` the SDK also has one request on the wire at a time, but sends the next one as soon as a body has arrived and parses this page while the provider prepares that one; the loops parse between requests, so the SDK can beat them. ` +
        `The three are interleaved, ${pull.warmups} warm-up round then the median of ${pull.repetitions}.`,
    );
  }
  if (results.clientCpu) {
    lines.push(
      "- **Client CPU**: in one process, no network: pages of 1,000 records of the `large` district serialised before timing; `JSON.parse` of each body alone, against `JSON.parse` plus `parseRecord` of each record with a pull's defaults (lenient, OneRoster 1.1, every field: the SDK's parse, normalise and validate), and the whole `list()` over an in-memory `fetch` that answers with those bodies (it also decodes each body from bytes, shown beside it as `Response.text()` + `JSON.parse`). CPU time from `process.cpuUsage()`, the median of 7 rounds after a warm-up.",
    );
  }
  if (results.concurrency) {
    lines.push(
      `- **Concurrency**: the provider waits 50 ms before every page; ${results.concurrency.pages} pages of 100 users through \`list().pages()\` at \`concurrency\` 1, 4 and 8 (the provider sends \`X-Total-Count\`, so pages are prefetched).`,
    );
  }
  if (results.memory) {
    lines.push(
      `- **Memory**: each case is a fresh Node process pulling the first ${results.memory.sizes.map((n) => n.toLocaleString('en')).join(' or ')} enrollments of the \`largest\` district into a null sink with the client's defaults (page size 1,000, concurrency 4); peak RSS is \`process.resourceUsage().maxRSS\`, and each figure is the median of ${results.memory.runs ?? 1} such processes (a peak depends on where the pull ends in the garbage collector's cycle: V8 lets the heap grow to a few times the live data before a full collection). ` +
        "De-duplication keeps the ids of the pull (front-coded into one string per page while they arrive in ascending order: about 3 bytes per sequential id such as `enr-0001234567`, more for random ids such as GUIDs; a `Set` once they do not), so the default grows with the pull by design; `dedupe: false` keeps nothing per record, and what grows there is the garbage collector's headroom. The unsorted case pulls 1,000,000 enrollment-shaped records through `list()` over an in-memory `fetch` that generates each page on request with ids in no order (a fixed permutation), so de-duplication keeps 128-bit hashes from the first page; dedupe on against `dedupe: false` over the same pages, median of the same number of processes.",
    );
  }
  if (results.sync) {
    lines.push(
      `- **Sync**: \`syncRoster\` of the \`${results.sync.preset}\` preset (OAuth 2.0 client credentials, default collections and fields, client defaults) in a fresh process per run: a full sync into an empty store, then \`mode: 'auto'\` again against the unchanged district (it picks a delta). Requests are counted by the provider. The baseline of the sync/pull ratios is the same client (OAuth 2.0, defaults) pulling the same six collections with the same fields in a fresh process and throwing the records away (\`bench/sync-pull-child.mjs\`), against the same provider in the same run; the phases are wall time from the sync's own progress events (a collection's start to its last page staged, then to its commit). PostgreSQL is found through \`.ci/start-postgres.sh\` (or \`ONEROSTER_PG_URL\`). ` +
        `The CPU rows split each run's window between the client process (\`process.cpuUsage\`), the provider process (its own \`process.cpuUsage\` since the run's reset) and the rest of the machine (every core's busy time from \`os.cpus()\` less those two: PostgreSQL's server and any other work). ` +
        `The bound rows measure each store's floor, every record of the same collections written once into an empty table keyed by (tenant, collection, sourcedId) in one transaction with the store's settings (SQLite: 100-row prepared INSERTs, WAL, \`bench/store-floor-child.mjs\`; PostgreSQL: one \`COPY\` into a logged jsonb table, \`bench/postgres-floor-child.mjs\`), and from it the best sync any store could reach here: no shorter than the pull, than the floor's own wall time, or than the CPU of the pull, the provider and the floor together spread over the cores.`,
    );
  }
  if (results.syncLargest) {
    lines.push(
      `- **Sync at district scale**: one full \`syncRoster\` of the \`${results.syncLargest.figures.preset}\` preset (default collections and fields, so demographics are not pulled) into an empty SQLite file and into an empty PostgreSQL schema, each in a fresh process, measured end to end (pull, stage, diff, commit), not projected; beside it the pull alone of the same collections and fields by the same client. The peak RSS of that SQLite sync is compared with a SQLite sync of \`large\` in the same run: memory must not grow with the district. The same CPU split, and the SQLite floor at this size (\`bench/store-floor-child.mjs\` on the \`${results.syncLargest.figures.preset}\` district), give the best end-to-end time any SQLite store could reach on this machine.`,
    );
  }
  if (results.scale) {
    const { total, slice, withoutDemographics, runs = 1 } = results.scale;
    lines.push(
      `- **Scale**: the \`largest\` district has ${total.toLocaleString('en')} records in its seven collections, demographics included (${withoutDemographics.toLocaleString('en')} without them, as a default sync pulls it). ` +
        `Each collection is pulled through \`list()\` in a fresh process, up to ${slice.toLocaleString('en')} records, at page size 10,000 with concurrency 4; a collection longer than that is projected as the time to its first 50,000 records (connections, JIT warm-up) plus the rest at the rate measured after them, and the district's time is the sum over collections of the median of ${runs} runs (the three pullers interleaved). The same projection for the one-request-at-a-time \`undici.request\` loop tells a slow machine from a slow SDK (the SDK prefetches four pages, so it can beat that loop). ` +
        `**Assumption**: a record costs the same at any offset, for the provider (it generates pages arithmetically, checked by the page-cost ratio in the table) and for the client (true with \`dedupe: false\`; with de-duplication on, the packed ids of a 6.6M-record collection grow by about 20 MB more than the slice sees).`,
    );
  }
  if (results.workers) {
    const w = results.workers;
    const pgBoss = w.pgBoss?.skipped
      ? ` The pg-boss worker was not measured in this run (${w.pgBoss.skipped}); under Node ≥ 22.12 with PostgreSQL it is measured the same way, with ${w.workers} pg-boss workers in one process (\`concurrency: 1\` each, polling every 0.5 s), each its own pg-boss instance.`
      : ` The pg-boss worker: the same, with ${w.workers} pg-boss workers in one process (\`concurrency: 1\` each, polling every 0.5 s), each its own pg-boss instance, into PostgreSQL; enqueue is \`requestSync\` + \`enqueueDueSlots\`, so its latency is mostly pg-boss's polling.`;
    lines.push(
      `- **Workers**: ${w.tenants} tenants of one mock provider host, each a district of ${w.district}. Enqueue to start: on an idle worker, ${w.samples} times, the time from \`requestSync\` to the run's \`run-started\` event (embedded: one \`runDueSyncs({ once: true })\` pass each), against one bare \`syncRoster\` of the same district into the same store (median of ${w.samples}). Runs per minute: the other tenants requested at once and run by ${w.workers} workers (embedded: one process, host cap \`runs: ${w.workers}\`), against ${w.workers} × the bare syncs per minute, the rate with no scheduler cost.${pgBoss}`,
    );
  }
  if (results.rateLimit) {
    lines.push(
      `- **Rate limiter**: the provider answers 429 past 20 requests per second (token bucket, burst 20); the client, with \`requestsPerSecond: 20\`, pages users at 100 per page for ${results.rateLimit.figures.durationMs / 1000} s. The rate is the provider's request count over the wall time.`,
    );
  }
  return lines.join('\n');
}

export async function writePerformanceDoc({ machine, table, results, quick, durationS, date }) {
  let optimisations = '';
  try {
    optimisations = readFileSync(OPTIMISATIONS_PATH, 'utf8').trim();
  } catch {
    // No optimisation history yet.
  }
  const text = `# Performance

<!-- Written by \`npm run bench\` (bench/run.mjs); edit bench/report.mjs or bench/optimisations.md instead. -->

Figures of one run of \`npm run bench\` on the machine below${quick ? ' (**quick run**: smaller districts, fewer repetitions)' : ''}. Every baseline is measured in the same run, against the same provider process and page sizes, so the ratios hold across machines better than the absolute numbers do. A missed target is reported here, not hidden.

- Date: ${date.toISOString().slice(0, 10)}, suite duration ${Math.round(durationS)} s
- CPU: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB RAM; load average ${machine.loadAverage} when the run started
- Node ${machine.node} (V8 ${machine.v8}), ${machine.platform}

${table}

## How each figure is measured

${methodOf(results)}

Run it with \`npm run bench\` (builds first), or \`node bench/run.mjs --quick\` for a smoke run that writes nothing; \`--only=pull,clientCpu,concurrency,memory,sync,scale,rateLimit,workers\` picks cases.

${optimisations}
`;
  writeFileSync(DOC_PATH, text);
  return DOC_PATH;
}
