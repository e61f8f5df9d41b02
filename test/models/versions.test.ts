import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import type { FieldKinds } from '../../src/models/field-kinds.js';
import { ENTITY_NAMES } from '../../src/models/shared/entity-name.js';
import { ONEROSTER_VERSIONS, VERSION_MODELS } from '../../src/models/versions.js';

type Shape = Record<string, z.core.$ZodType>;

/** The schema inside optional wrappers, to compare field kinds with the schema. */
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  const def = schema._zod.def;
  if (def.type === 'optional' && 'innerType' in def) return unwrap(def.innerType as z.core.$ZodType);
  return schema;
}

/** The object shape of a list's elements. */
function elementShape(schema: z.core.$ZodType): Shape {
  const list = unwrap(schema)._zod.def;
  if (list.type !== 'array' || !('element' in list)) throw new Error('not a list');
  const element = (list.element as z.core.$ZodType)._zod.def;
  if (!('shape' in element)) throw new Error('not a list of objects');
  return element.shape as Shape;
}

function checkKinds(shape: Shape, kinds: FieldKinds, where: string): void {
  const typeOf = (field: string) => {
    const schema = shape[field];
    if (schema === undefined) throw new Error(`${where}.${field} is not a field`);
    return unwrap(schema)._zod.def.type;
  };
  for (const field of kinds.booleans ?? []) expect(typeOf(field), `${where}.${field}`).toBe('boolean');
  for (const field of [...(kinds.refs ?? [])]) expect(typeOf(field), `${where}.${field}`).toBe('object');
  for (const field of [
    ...(kinds.refLists ?? []),
    ...(kinds.objectLists ?? []),
    ...(kinds.stringLists ?? []),
  ]) {
    expect(typeOf(field), `${where}.${field}`).toBe('array');
  }
  for (const field of [...(kinds.dates ?? []), ...Object.keys(kinds.enums ?? {})]) {
    expect(typeOf(field), `${where}.${field}`).toBe('string');
  }
  for (const [field, nested] of Object.entries(kinds.nestedLists ?? {})) {
    if (nested) checkKinds(elementShape(shape[field] as z.core.$ZodType), nested, `${where}.${field}[]`);
  }
}

/** The properties of each `*DType` of the 1.2 rostering OpenAPI (components/schemas). */
const OPENAPI_1_2_PROPERTIES = {
  org: 'sourcedId status dateLastModified metadata name type identifier parent children',
  academicSession:
    'sourcedId status dateLastModified metadata title startDate endDate type parent children schoolYear',
  course:
    'sourcedId status dateLastModified metadata title schoolYear courseCode grades subjects org subjectCodes resources',
  class:
    'sourcedId status dateLastModified metadata title classCode classType location grades subjects course school terms subjectCodes periods resources',
  user: 'sourcedId status dateLastModified metadata userMasterIdentifier username userIds enabledUser givenName familyName middleName preferredFirstName preferredMiddleName preferredLastName pronouns roles userProfiles primaryOrg identifier email sms phone agents grades password resources',
  enrollment: 'sourcedId status dateLastModified metadata user class school role primary beginDate endDate',
  demographics:
    'sourcedId status dateLastModified metadata birthDate sex americanIndianOrAlaskaNative asian blackOrAfricanAmerican nativeHawaiianOrOtherPacificIslander white demographicRaceTwoOrMoreRaces hispanicOrLatinoEthnicity countryOfBirthCode stateOfBirthAbbreviation cityOfBirth publicSchoolResidenceStatus',
} as const;

describe('the per-version models', () => {
  it('cover the two versions', () => {
    expect(ONEROSTER_VERSIONS).toEqual(['1.1', '1.2']);
    expect(Object.keys(VERSION_MODELS).sort()).toEqual(['1.1', '1.2']);
  });

  it.each(ONEROSTER_VERSIONS)(
    'declare in %s normalisation only for fields of the matching schema type',
    (version) => {
      for (const entity of ENTITY_NAMES) {
        const model = VERSION_MODELS[version];
        checkKinds(model.schemas[entity].shape, model.kinds[entity], `${version} ${entity}`);
      }
    },
  );

  it.each(ONEROSTER_VERSIONS)('say in %s what every GUIDRef field points at', (version) => {
    const missing: string[] = [];
    const visit = (kinds: FieldKinds, where: string) => {
      for (const field of [...(kinds.refs ?? []), ...(kinds.refLists ?? [])]) {
        if (kinds.refTargets?.[field] === undefined) missing.push(`${where}.${field}`);
      }
      for (const [field, nested] of Object.entries(kinds.nestedLists ?? {}))
        if (nested) visit(nested, `${where}.${field}[]`);
    };
    for (const entity of ENTITY_NAMES) visit(VERSION_MODELS[version].kinds[entity], entity);
    expect(missing).toEqual([]);
  });

  it('give 1.2 exactly the fields of the 1.2 OpenAPI', () => {
    for (const entity of ENTITY_NAMES) {
      const fields = Object.keys(VERSION_MODELS['1.2'].schemas[entity].shape).sort();
      expect(fields, entity).toEqual(OPENAPI_1_2_PROPERTIES[entity].split(' ').sort());
    }
  });

  it('give the 1.2 role assignment and user profile the fields of RoleDType and UserProfileDType', () => {
    const user: Shape = VERSION_MODELS['1.2'].schemas.user.shape;
    expect(Object.keys(elementShape(user['roles'] as z.core.$ZodType)).sort()).toEqual([
      'beginDate',
      'endDate',
      'org',
      'role',
      'roleType',
      'userProfile',
    ]);
    const profile = elementShape(user['userProfiles'] as z.core.$ZodType);
    expect(Object.keys(profile).sort()).toEqual([
      'applicationId',
      'credentials',
      'description',
      'profileId',
      'profileType',
      'vendorId',
    ]);
    expect(Object.keys(elementShape(profile['credentials'] as z.core.$ZodType)).sort()).toEqual([
      'password',
      'type',
      'username',
    ]);
  });
});
