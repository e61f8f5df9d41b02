import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { compileFastParse, NOT_FAST } from '../../src/models/fast-parse/compile-fast-parse.js';
import { normalizeRecord } from '../../src/models/normalize/normalize-record.js';
import type { EntityName } from '../../src/models/shared/entity-name.js';
import { type OneRosterVersion, VERSION_MODELS } from '../../src/models/versions.js';
import { MINIMAL_FIELDS_BY_VERSION } from '../../src/query/fields.js';
import { parseRecord } from '../../src/query/parse-record.js';
import { generateDistrict } from '../../src/testing/index.js';
import {
  rawAcademicSession,
  rawClass,
  rawCourse,
  rawDemographics,
  rawEnrollment,
  rawOrg,
  rawUser,
} from './fixtures.js';
import { fullUser12, rawDemographics12, rawUser12 } from './fixtures-v1p2.js';

const ENTITY_OF = {
  orgs: 'org',
  academicSessions: 'academicSession',
  courses: 'course',
  classes: 'class',
  users: 'user',
  enrollments: 'enrollment',
  demographics: 'demographics',
} as const satisfies Record<string, EntityName>;

const district = generateDistrict({ preset: 'tiny', seed: 3 });

/** Generated records of each entity (the mock provider's own), plus the hand-written fixtures. */
function samples(version: OneRosterVersion): Array<[EntityName, Record<string, unknown>]> {
  const out: Array<[EntityName, Record<string, unknown>]> = [];
  for (const [collection, entity] of Object.entries(ENTITY_OF)) {
    let taken = 0;
    for (const record of district.records(collection as keyof typeof ENTITY_OF)) {
      out.push([entity, record]);
      if (++taken >= 40) break;
    }
  }
  const fixtures: Array<[EntityName, Record<string, unknown>]> =
    version === '1.1'
      ? [
          ['user', rawUser()],
          ['org', rawOrg()],
          ['academicSession', rawAcademicSession()],
          ['course', rawCourse()],
          ['class', rawClass()],
          ['enrollment', rawEnrollment()],
          ['demographics', rawDemographics()],
        ]
      : [
          ['user', rawUser12()],
          ['user', fullUser12()],
          ['demographics', rawDemographics12()],
        ];
  return [...out, ...fixtures];
}

/** The full schema and each preset projection of an entity, as parseRecord builds them. */
function schemasOf(version: OneRosterVersion, entity: EntityName): z.ZodMiniType[] {
  const shape: Record<string, z.core.$ZodType> = VERSION_MODELS[version].schemas[entity].shape;
  const schemas: z.ZodMiniType[] = [z.looseObject(shape)];
  const minimal: Partial<Record<EntityName, readonly string[]>> = MINIMAL_FIELDS_BY_VERSION[version];
  const names = minimal[entity];
  if (names !== undefined) {
    const picked: Record<string, z.core.$ZodType> = {};
    for (const name of names) if (shape[name] !== undefined) picked[name] = shape[name];
    schemas.push(z.object(picked));
  }
  return schemas;
}

/**
 * The fast parse may only answer for a record zod accepts, and must then give zod's output exactly
 * (the same values, the same key order); anything else it leaves to zod.
 */
function expectSameAsZod(schema: z.ZodMiniType, value: Record<string, unknown>): 'fast' | 'zod' {
  const fast = compileFastParse(schema);
  expect(fast).toBeDefined();
  const zod = schema.safeParse(value);
  const answered = fast?.(value);
  if (answered === NOT_FAST) return 'zod';
  expect(zod.success).toBe(true);
  expect(JSON.stringify(answered)).toBe(JSON.stringify(zod.data));
  expect(answered).toStrictEqual(zod.data);
  return 'fast';
}

/** Values real providers send where they should not: the quirks that normalising leaves or repairs. */
const QUIRKY_VALUES: unknown[] = [
  null,
  '',
  ' ',
  'x',
  '\u{1F600}',
  'ab',
  0,
  1.5,
  Number.NaN,
  true,
  'false',
  'TRUE',
  [],
  {},
  [null],
  ['a', 1],
  { sourcedId: '' },
  { sourcedId: 's', type: 'org' },
  { sourcedId: 's', type: 'org', href: 5, extra: 1 },
  [{ sourcedId: 's', type: 'org' }, { sourcedId: 1 }],
  '2026-13-45',
  '2026-01-02',
  '2026-01-02T03:04:05Z',
  '2026-01-02T03:04:05.123+02:00',
  '2024-02-29T00:00:00Z',
  '2023-02-29',
  'ACTIVE',
  'inactive',
  'tobedeleted',
  'student',
  'teacher',
  { a: 1, constructor: 2 },
  JSON.parse('{"__proto__": {"polluted": true}, "sourcedId": "p", "type": "org"}'),
];

describe('the fast parse against zod', () => {
  for (const version of ['1.1', '1.2'] as const) {
    it(`answers for every generated and fixture record of ${version} and gives zod's output`, () => {
      let answered = 0;
      let total = 0;
      for (const [entity, raw] of samples(version)) {
        const kinds = VERSION_MODELS[version].kinds[entity];
        for (const mode of ['lenient', 'strict'] as const) {
          const normalized = normalizeRecord(raw, kinds, mode);
          for (const schema of schemasOf(version, entity)) {
            total++;
            const zodAccepts = schema.safeParse(normalized).success;
            const path = expectSameAsZod(schema, normalized);
            // The common valid shape is the fast path's whole point: it must not fall back on it.
            if (zodAccepts) expect(path).toBe('fast');
            if (path === 'fast') answered++;
          }
        }
      }
      expect(answered).toBeGreaterThan(total / 2);
    });

    it(`leaves every quirky ${version} record zod rejects to zod, and matches it on the rest`, () => {
      const all = samples(version);
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: all.length - 1 }),
          fc.array(
            fc.tuple(
              fc.oneof(fc.constantFrom('sourcedId', 'status', 'dateLastModified', 'metadata'), fc.string()),
              fc.integer({ min: 0, max: QUIRKY_VALUES.length }),
            ),
            { minLength: 1, maxLength: 4 },
          ),
          fc.constantFrom('lenient', 'strict'),
          (which, edits, mode) => {
            const [entity, base] = all[which] ?? all[0] ?? ['org', rawOrg()];
            const raw: Record<string, unknown> = JSON.parse(JSON.stringify(base));
            const fieldNames = Object.keys(VERSION_MODELS[version].schemas[entity].shape);
            for (const [key, valueIndex] of edits) {
              // Mostly the entity's own fields, sometimes any key.
              const field = key.length % 3 === 0 ? key : (fieldNames[key.length % fieldNames.length] ?? key);
              if (valueIndex === QUIRKY_VALUES.length) delete raw[field];
              else raw[field] = QUIRKY_VALUES[valueIndex];
            }
            const normalized = normalizeRecord(raw, VERSION_MODELS[version].kinds[entity], mode);
            for (const schema of schemasOf(version, entity)) expectSameAsZod(schema, normalized);
          },
        ),
        { numRuns: 1500, seed: 19 },
      );
    });
  }

  it('gives parseRecord the same records and the same quarantine issues as zod alone', () => {
    for (const [entity, base] of samples('1.1')) {
      for (const value of QUIRKY_VALUES) {
        for (const field of Object.keys(base)) {
          const raw = { ...base, [field]: value };
          const parsed = parseRecord(entity, raw);
          const normalized = normalizeRecord(raw, VERSION_MODELS['1.1'].kinds[entity], 'lenient');
          const zod = z.looseObject(VERSION_MODELS['1.1'].schemas[entity].shape).safeParse(normalized);
          if (zod.success) {
            expect(parsed.ok).toBe(true);
            if (parsed.ok) expect(JSON.stringify(parsed.record)).toBe(JSON.stringify(zod.data));
          } else {
            expect(parsed.ok).toBe(false);
            if (!parsed.ok && parsed.issues[0]?.code !== 'too_deep')
              expect(parsed.issues).toEqual(
                zod.error.issues.map((issue) => ({
                  path: issue.path.map(String).join('.'),
                  code: issue.code,
                })),
              );
          }
        }
      }
    }
  });

  it('compiles no fast parse for a construct it does not know, so zod alone decides', () => {
    expect(compileFastParse(z.object({ n: z.number() }))).toBeUndefined();
    expect(compileFastParse(z.object({ s: z.string().check(z.maxLength(3)) }))).toBeUndefined();
    expect(compileFastParse(z.object({ e: z.email() }))).toBeUndefined();
    expect(
      compileFastParse(
        z.pipe(
          z.string(),
          z.transform((s) => s.length),
        ),
      ),
    ).toBeUndefined();
  });
});
