// Peak RSS of a pull whose ids do not arrive in ascending order (a provider that ignores the sort),
// de-duplication on or off: the SDK's `list()` over an in-memory `fetch` that generates each page of
// enrollment-shaped records when asked, ids scattered (a fixed permutation of the offsets), so the
// pull's seen ids leave the packed form at once. Both variants build the same pages.
import { childMain, importDist, peakRssMb } from './lib.mjs';

const PAGE_SIZE = 1_000;

/** Offset → a scattered id: multiplying by an odd constant modulo 2^32 is a permutation. */
function scatteredId(index) {
  return `enr-${(Math.imul(index + 1, 0x9e3779b1) >>> 0).toString(16).padStart(8, '0')}-${index % 97}`;
}

function page(offset, total) {
  const records = [];
  for (let index = offset; index < Math.min(offset + PAGE_SIZE, total); index++) {
    records.push({
      sourcedId: scatteredId(index),
      status: 'active',
      dateLastModified: '2026-01-02T03:04:05.000Z',
      user: { href: 'https://sis.example.org/users/u', sourcedId: `usr-${index % 90_000}`, type: 'user' },
      class: { href: 'https://sis.example.org/classes/c', sourcedId: `cls-${index % 5_000}`, type: 'class' },
      school: { href: 'https://sis.example.org/orgs/s', sourcedId: `sch-${index % 40}`, type: 'org' },
      role: 'student',
      primary: 'false',
      beginDate: '2026-08-15',
      endDate: '2027-06-10',
    });
  }
  return JSON.stringify({ enrollments: records });
}

await childMain(async ({ records = 1_000_000, dedupe = true }) => {
  const { bearerToken, createOneRosterClient } = await importDist('index');
  const inMemoryFetch = async (input) => {
    const url = new URL(typeof input === 'string' ? input : input.url);
    const offset = Number(url.searchParams.get('offset') ?? 0);
    return new Response(page(offset, records), {
      status: 200,
      headers: { 'content-type': 'application/json', 'x-total-count': String(records) },
    });
  };
  const client = createOneRosterClient({
    baseUrl: 'http://in-memory.invalid/ims/oneroster/v1p1',
    auth: bearerToken('t'),
    fetch: inMemoryFetch,
    dedupe,
  });
  const started = performance.now();
  let count = 0;
  for await (const record of client.enrollments.list()) count += record.sourcedId.length > 0 ? 1 : 0;
  return { records: count, ms: performance.now() - started, peakRssMb: peakRssMb() };
});
