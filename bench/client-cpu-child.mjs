// Client CPU on prepared page bodies, in one process, no network: the SDK's `list()` over an
// in-memory `fetch` that answers each page with a body prepared before timing, against
// `JSON.parse` alone on the same bodies (and the same bodies through `Response.text()` +
// `JSON.parse`, the decoding the SDK cannot skip). CPU time from `process.cpuUsage()`.
import { childMain, importDist, median } from './lib.mjs';

const PAGE_SIZE = 1_000;
const ENTITIES = {
  orgs: 'org',
  academicSessions: 'academicSession',
  courses: 'course',
  classes: 'class',
  users: 'user',
  enrollments: 'enrollment',
};

function preparedPages(district, collection, key, records) {
  const bodies = [];
  let page = [];
  for (const record of district.records(collection)) {
    page.push(record);
    if (page.length === PAGE_SIZE) {
      bodies.push(JSON.stringify({ [key]: page }));
      page = [];
      if (bodies.length * PAGE_SIZE >= records) break;
    }
  }
  return bodies;
}

function cpuMs(work) {
  const before = process.cpuUsage();
  return Promise.resolve(work()).then(() => {
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000;
  });
}

await childMain(async ({ collection = 'enrollments', key = collection, records = 50_000, rounds = 7 }) => {
  const { generateDistrict } = await importDist('testing');
  const { bearerToken, createOneRosterClient, parseRecord } = await importDist('index');
  const district = generateDistrict({ preset: 'large', seed: 7 });
  const bodies = preparedPages(district, collection, key, records);
  const total = bodies.length * PAGE_SIZE;
  const byOffset = new Map(bodies.map((body, index) => [index * PAGE_SIZE, body]));
  const inMemoryFetch = async (input) => {
    const url = new URL(typeof input === 'string' ? input : input.url);
    const body = byOffset.get(Number(url.searchParams.get('offset') ?? 0)) ?? JSON.stringify({ [key]: [] });
    return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
  };
  const client = createOneRosterClient({
    baseUrl: 'http://in-memory.invalid/ims/oneroster/v1p1',
    auth: bearerToken('t'),
    fetch: inMemoryFetch,
    concurrency: 1,
    pageSize: PAGE_SIZE,
  });
  let sink = 0;
  const parseOnly = () => {
    for (const body of bodies) sink += JSON.parse(body)[key].length;
  };
  const decodeAndParse = async () => {
    for (const body of bodies) sink += JSON.parse(await new Response(body).text())[key].length;
  };
  const entity = ENTITIES[collection];
  // The SDK's parse, normalise and validate: the body parsed once, each record through `parseRecord`
  // with a pull's defaults (lenient, 1.1, every field), as `list()` reads it.
  const parseAndValidate = () => {
    for (const body of bodies) {
      for (const raw of JSON.parse(body)[key]) {
        const outcome = parseRecord(entity, raw);
        if (outcome.ok) sink += outcome.record.sourcedId.length;
      }
    }
  };
  const sdk = async () => {
    for await (const record of client[collection].list()) sink += record.sourcedId.length;
  };
  const figures = { parse: [], decode: [], validate: [], sdk: [] };
  for (let round = 0; round < rounds + 1; round++) {
    const parse = await cpuMs(parseOnly);
    const decode = await cpuMs(decodeAndParse);
    const validate = await cpuMs(parseAndValidate);
    const pulled = await cpuMs(sdk);
    if (round === 0) continue; // warm-up
    figures.parse.push(parse);
    figures.decode.push(decode);
    figures.validate.push(validate);
    figures.sdk.push(pulled);
  }
  const perRecordUs = (ms) => (ms * 1000) / total;
  return {
    collection,
    records: total,
    rounds,
    parseUs: perRecordUs(median(figures.parse)),
    decodeUs: perRecordUs(median(figures.decode)),
    validateUs: perRecordUs(median(figures.validate)),
    sdkUs: perRecordUs(median(figures.sdk)),
    sink,
  };
});
