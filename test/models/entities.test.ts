import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import { ENTITY_NAMES, type EntityName } from '../../src/models/shared/entity-name.js';
import { ENTITY_FIELD_KINDS, ENTITY_SCHEMAS } from '../../src/models/v1p1/entities.js';
import { parseRecord } from '../../src/query/parse-record.js';
import {
  rawAcademicSession,
  rawClass,
  rawCourse,
  rawDemographics,
  rawEnrollment,
  rawOrg,
  rawUser,
} from './fixtures.js';

const examples: Record<EntityName, () => Record<string, unknown>> = {
  org: rawOrg,
  academicSession: rawAcademicSession,
  course: rawCourse,
  class: rawClass,
  user: rawUser,
  enrollment: rawEnrollment,
  demographics: rawDemographics,
};

/** The schema inside optional/array wrappers, to compare field kinds with the schema. */
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  const def = schema._zod.def;
  if (def.type === 'optional' && 'innerType' in def) return unwrap(def.innerType as z.core.$ZodType);
  return schema;
}

describe.each(ENTITY_NAMES)('the %s model', (entity) => {
  it('parses a spec-conformant record in both modes', () => {
    for (const mode of ['lenient', 'strict'] as const) {
      const parsed = parseRecord(entity, examples[entity](), { validation: mode });
      expect(parsed, mode).toMatchObject({ ok: true, unknownEnums: [] });
    }
  });

  it('requires the base fields', () => {
    for (const field of ['sourcedId', 'status', 'dateLastModified']) {
      const raw = examples[entity]();
      delete raw[field];
      const parsed = parseRecord(entity, raw, { validation: 'lenient' });
      expect(!parsed.ok && parsed.issues.map((issue) => issue.path), field).toEqual([field]);
    }
  });

  it('declares normalisation only for fields of the matching schema type', () => {
    const shape: Record<string, z.core.$ZodType> = ENTITY_SCHEMAS[entity].shape;
    const kinds = ENTITY_FIELD_KINDS[entity];
    for (const field of kinds.booleans ?? [])
      expect(unwrap(shape[field]!)._zod.def.type, field).toBe('boolean');
    for (const field of [
      ...(kinds.refLists ?? []),
      ...(kinds.objectLists ?? []),
      ...(kinds.stringLists ?? []),
    ]) {
      expect(unwrap(shape[field]!)._zod.def.type, field).toBe('array');
    }
    for (const field of [...(kinds.dates ?? []), ...Object.keys(kinds.enums ?? {})]) {
      expect(unwrap(shape[field]!)._zod.def.type, field).toBe('string');
    }
  });
});

describe('the entity schemas used directly', () => {
  it('validate an already normalised record', () => {
    const user = { ...rawUser(), enabledUser: true };
    expect(ENTITY_SCHEMAS.user.parse(user)).toMatchObject({ enabledUser: true, givenName: 'Jane' });
  });
});
