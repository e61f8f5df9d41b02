import fc from 'fast-check';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  createOneRosterClient,
  ENTITY_NAMES,
  type EntityName,
  isProtocolError,
  isResponseValidationError,
  type OneRosterClient,
  parseRecord,
} from '../../src/index.js';
import { parseLinkHeader } from '../../src/paging/parse-link-header.js';
import { generateDistrict } from '../../src/testing/index.js';
import { useReliabilityHarness } from './harness.js';

const { msw } = useReliabilityHarness();

const BASE = 'https://property.mock/ims/oneroster/v1p1';
/**
 * Properties are bounded by their number of runs, never by time, and sized to finish well inside the
 * test timeout with three busy processes on two cores. Each run of a paging property is a whole pull
 * through msw, so those run fewer times; fast-check's seed changes every run, so coverage adds up.
 */
const RUNS_OF_A_PULL = 25;
const RELATIONS = ['next', 'prev', 'first', 'last'] as const;

/** Pieces Link headers are made of, so random headers look like broken real ones rather than noise. */
const linkFragment = fc.oneof(
  fc.constantFrom('<', '>', ',', ';', ' ', '"', '=', '?', '&', '\t', 'rel', 'rel=', 'REL = ', '%', '#'),
  fc.constantFrom(...RELATIONS, 'NEXT', 'next prev', 'alternate'),
  fc.constantFrom('https://sis.example.org/ims/oneroster/v1p1/users', '/users', '~/ims/x', 'http://[::1', ''),
  fc.constantFrom('offset=', 'limit=', 'fields=a,b', 'filter=givenName%3D%27x%27', 'offset=-3', 'limit=1e3'),
  fc.nat({ max: 100_000 }).map(String),
  fc.constantFrom('9'.repeat(20), '9'.repeat(400), '007'),
  fc.string({ maxLength: 6 }),
);
const linkHeader = fc.array(linkFragment, { maxLength: 40 }).map((parts) => parts.join(''));

describe('the Link header parser, property-based', () => {
  it('never throws, and only ever returns non-negative integer offsets and limits', () => {
    fc.assert(
      fc.property(
        fc.oneof(linkHeader, fc.string({ maxLength: 300 }), fc.string({ unit: 'binary' })),
        (header) => {
          const links = parseLinkHeader(header);
          for (const [relation, target] of Object.entries(links)) {
            expect(RELATIONS).toContain(relation);
            for (const value of [target?.offset, target?.limit]) {
              if (value !== undefined) expect(Number.isSafeInteger(value) && value >= 0).toBe(true);
            }
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  // No stopwatch here: a timed assertion fails on a loaded machine, and speed is the benchmark's job.
  // What is asserted is the result: each shape, 200,000 characters of what breaks naive regexes
  // (runs of separators, brackets and `rel=` with nothing to close them), parses to nothing, and a
  // valid link after it is still found, so the parser read through the whole header. A parser that
  // backtracked catastrophically would need about 10^10 steps for one shape (minutes), and fails by the
  // test's timeout; a linear one needs milliseconds even on a loaded machine.
  it.each([',', ', ', '<', ',<', ';rel=', ', ?', '\t,', ', /', ' ', 'rel="'])(
    'reads a pathological header of 200,000 %j to the end, finding only the real link after it',
    (shape) => {
      const junk = shape.repeat(Math.ceil(200_000 / shape.length));
      expect(parseLinkHeader(junk)).toEqual({});
      expect(parseLinkHeader(`${junk}, </users?offset=40&limit=20>; rel="next"`)).toEqual({
        next: { offset: 40, limit: 20 },
      });
    },
  );

  it('reads back the offset and limit of every relation, in every style providers send', () => {
    const target = fc.record({
      offset: fc.nat({ max: 10_000_000 }),
      limit: fc.integer({ min: 1, max: 50_000 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...RELATIONS), { minLength: 1, maxLength: 4 }),
        fc.array(target, { minLength: 4, maxLength: 4 }),
        fc.record({
          brackets: fc.boolean(),
          absolute: fc.boolean(),
          quoted: fc.boolean(),
          trailingComma: fc.boolean(),
          upperCase: fc.boolean(),
          extraQuery: fc.constantFrom(
            '',
            '&fields=sourcedId,givenName',
            '&filter=familyName%3D%27O%27Connor%27',
          ),
        }),
        (relations, targets, style) => {
          const entries = relations.map((relation, index) => {
            const { offset, limit } = targets[index] as { offset: number; limit: number };
            const path = `${style.absolute ? BASE : ''}/users?limit=${limit}&offset=${offset}${style.extraQuery}`;
            const url = style.brackets ? `<${path}>` : path;
            const rel = style.upperCase ? relation.toUpperCase() : relation;
            return `${url}; rel=${style.quoted ? `"${rel}"` : rel}`;
          });
          const links = parseLinkHeader(`${entries.join(', ')}${style.trailingComma ? ', ,' : ''}`);
          expect(links).toEqual(
            Object.fromEntries(relations.map((relation, index) => [relation, targets[index]])),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** Users the fake provider serves: valid records of a generated district. */
const USERS = [...generateDistrict({ preset: 'tiny', seed: 3 }).records('users')].slice(0, 23);

function propertyClient(pageSize: number, validation: 'lenient' | 'strict' = 'lenient'): OneRosterClient {
  return createOneRosterClient({
    baseUrl: BASE,
    auth: { kind: 'none', authorize: async () => ({}) },
    pageSize,
    validation,
    retry: { retries: 0 },
    // A regression that loops fails in a second, not after the default 100,000 requests.
    maxPages: 50,
  });
}

describe('paging over arbitrary Link and X-Total-Count headers, property-based', () => {
  it('never loops and never loses a record: every record arrives once, in a bounded number of requests', async () => {
    const total = fc.oneof(
      fc.constant(undefined),
      fc.constant('exact'),
      fc.constantFrom('-1', 'abc', '', '1e3', ' 40 '),
      // Never below the truth: a consistent low count is indistinguishable from the end.
      fc.nat({ max: 30 }).map((extra) => `+${extra}`),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.array(linkHeader, { minLength: 1, maxLength: 5 }),
        fc.array(total, { minLength: 1, maxLength: 5 }),
        async (pageSize, clamp, links, totals) => {
          let requests = 0;
          msw.use(
            http.get(`${BASE}/users`, ({ request }) => {
              const params = new URL(request.url).searchParams;
              const offset = Number(params.get('offset'));
              const limit = Math.min(Number(params.get('limit')), clamp);
              const headers: Record<string, string> = { link: links[requests % links.length] as string };
              const count = totals[requests % totals.length];
              requests++;
              if (count === 'exact') headers['x-total-count'] = String(USERS.length);
              else if (count?.startsWith('+'))
                headers['x-total-count'] = String(USERS.length + Number(count));
              else if (count !== undefined) headers['x-total-count'] = count;
              return HttpResponse.json({ users: USERS.slice(offset, offset + limit) }, { headers });
            }),
          );
          const client = propertyClient(pageSize);
          const ids = (await client.users.list().toArray({ maxItems: 100 })).map((user) => user.sourcedId);
          expect(ids).toEqual(USERS.map((user) => user.sourcedId));
          const step = Math.min(pageSize, clamp);
          // Beyond the pages with records: the empty page that ends the pull, the prefetches in
          // flight when it arrives (a count above the truth plans pages past the end), and one more
          // sent while it was parsed (the next request leaves as soon as a body arrives).
          expect(requests).toBeLessThanOrEqual(
            Math.ceil(USERS.length / step) + 1 + client.options.concurrency + 1,
          );
        },
      ),
      { numRuns: RUNS_OF_A_PULL },
    );
  });
});

/** A valid record of each entity, to spoil field by field. */
const district = generateDistrict({ preset: 'tiny', seed: 5 });
const SAMPLES: Record<EntityName, Record<string, unknown>> = {
  org: district.generate('orgs', 1),
  academicSession: district.generate('academicSessions', 2),
  course: district.generate('courses', 1),
  class: district.generate('classes', 3),
  user: district.generate('users', 4),
  enrollment: district.generate('enrollments', 5),
  demographics: district.generate('demographics', 6),
};

/** A sample record with some fields replaced by arbitrary JSON, some removed, some added. */
function spoiled(entity: EntityName) {
  const sample = SAMPLES[entity];
  const keys = Object.keys(sample);
  return fc
    .record({
      replaced: fc.dictionary(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
      removed: fc.subarray(keys, { maxLength: 3 }),
      added: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 }),
    })
    .map(({ replaced, removed, added }) => {
      const record: Record<string, unknown> = { ...added, ...sample, ...replaced };
      for (const key of removed) delete record[key];
      return record;
    });
}

describe('the lenient parsers, property-based', () => {
  it.each(ENTITY_NAMES)(
    'read any spoiled %s as a valid record or as issues with paths, and never throw',
    (entity) => {
      fc.assert(
        fc.property(fc.oneof(spoiled(entity), fc.jsonValue({ maxDepth: 3 })), (raw) => {
          for (const mode of ['lenient', 'strict'] as const) {
            const outcome = parseRecord(entity, raw, { validation: mode });
            if (outcome.ok) {
              expect(typeof outcome.record.sourcedId).toBe('string');
              expect(['active', 'tobedeleted']).toContain(outcome.record.status);
              expect(Number.isNaN(Date.parse(outcome.record.dateLastModified))).toBe(false);
            } else {
              expect(outcome.issues.length).toBeGreaterThan(0);
              for (const issue of outcome.issues) {
                expect(typeof issue.path).toBe('string');
                expect(typeof issue.code).toBe('string');
              }
            }
          }
        }),
        { numRuns: 100 },
      );
    },
  );

  it('never crash an iterator: a page of arbitrary JSON yields valid records or quarantines them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(spoiled('user'), fc.constant(SAMPLES.user), fc.jsonValue({ maxDepth: 2 })), {
          maxLength: 12,
        }),
        async (records) => {
          msw.use(
            http.get(`${BASE}/users`, ({ request }) => {
              const offset = Number(new URL(request.url).searchParams.get('offset'));
              return HttpResponse.json({ users: offset === 0 ? records : [] });
            }),
          );
          let accounted = 0;
          for await (const page of propertyClient(100).users.pages()) {
            accounted += page.items.length + page.quarantined + page.duplicates;
            for (const user of page.items)
              expect(parseRecord('user', user, { validation: 'strict' }).ok).toBe(true);
          }
          expect(accounted).toBe(records.length);

          const strict = await propertyClient(100, 'strict')
            .users.list()
            .toArray({ maxItems: 100 })
            .catch((error: unknown) => error);
          if (!Array.isArray(strict)) expect(isResponseValidationError(strict)).toBe(true);
        },
      ),
      { numRuns: RUNS_OF_A_PULL },
    );
  });

  it('never read a body without the collection as an empty list', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (body) => {
        msw.use(
          http.get(`${BASE}/users`, ({ request }) =>
            new URL(request.url).searchParams.get('offset') === '0'
              ? HttpResponse.json(body)
              : HttpResponse.json({ users: [] }),
          ),
        );
        const outcome = await propertyClient(100)
          .users.list()
          .toArray({ maxItems: 1_000 })
          .catch((error: unknown) => error);
        const isList =
          Array.isArray(body) ||
          (typeof body === 'object' &&
            body !== null &&
            (Array.isArray((body as Record<string, unknown>)['users']) ||
              Array.isArray((body as Record<string, unknown>)['user'])));
        if (isList) expect(Array.isArray(outcome)).toBe(true);
        else
          expect(
            isProtocolError(outcome) && ['error-envelope', 'missing-collection'].includes(outcome.reason),
          ).toBe(true);
      }),
      { numRuns: RUNS_OF_A_PULL },
    );
  });

  it('never loop on a provider that ignores offset and serves records without a sourcedId', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.jsonValue({ maxDepth: 2 }), spoiled('user')), { minLength: 1, maxLength: 6 }),
        async (records) => {
          let requests = 0;
          msw.use(
            http.get(`${BASE}/users`, () => {
              requests++;
              return HttpResponse.json({ users: records });
            }),
          );
          const outcome = await propertyClient(records.length)
            .users.list()
            .toArray({ maxItems: 1_000 })
            .catch((error: unknown) => error);
          expect(isProtocolError(outcome) && outcome.reason).toBe('paging-loop');
          expect(requests).toBeLessThanOrEqual(4);
        },
      ),
      { numRuns: RUNS_OF_A_PULL },
    );
  });
});
