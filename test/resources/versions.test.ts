import { describe, expect, it } from 'vitest';
import { COLLECTIONS, NESTED_COLLECTIONS_BY_VERSION } from '../../src/index.js';

/**
 * The nested GET paths of the 1.2 rostering OpenAPI (src/main/resources/oas/
 * onerosterv1p2rostersservice_openapi3_v1p0.json in 1EdTech/oneroster-bootcamp), as it writes them.
 */
const OPENAPI_1_2_NESTED_PATHS = [
  '/classes/{classSourcedId}/students',
  '/classes/{classSourcedId}/teachers',
  '/courses/{courseSourcedId}/classes',
  '/schools/{schoolSourcedId}/classes',
  '/schools/{schoolSourcedId}/classes/{classSourcedId}/enrollments',
  '/schools/{schoolSourcedId}/classes/{classSourcedId}/students',
  '/schools/{schoolSourcedId}/classes/{classSourcedId}/teachers',
  '/schools/{schoolSourcedId}/courses',
  '/schools/{schoolSourcedId}/enrollments',
  '/schools/{schoolSourcedId}/students',
  '/schools/{schoolSourcedId}/teachers',
  '/schools/{schoolSourcedId}/terms',
  '/students/{studentSourcedId}/classes',
  '/teachers/{teacherSourcedId}/classes',
  '/terms/{termSourcedId}/classes',
  '/terms/{termSourcedId}/gradingPeriods',
  '/users/{userSourcedId}/classes',
];

/** The top-level collection paths of the 1.2 OpenAPI (each also has `/{sourcedId}`). */
const OPENAPI_1_2_COLLECTIONS = [
  'academicSessions',
  'classes',
  'courses',
  'demographics',
  'enrollments',
  'gradingPeriods',
  'orgs',
  'schools',
  'students',
  'teachers',
  'terms',
  'users',
];

describe('the 1.2 collections tables', () => {
  it('have exactly the top-level collections of the 1.2 OpenAPI', () => {
    expect(
      Object.values(COLLECTIONS)
        .map((definition) => definition.path)
        .sort(),
    ).toEqual(OPENAPI_1_2_COLLECTIONS);
  });

  it('have exactly the nested collections of the 1.2 OpenAPI', () => {
    const paths = NESTED_COLLECTIONS_BY_VERSION['1.2'].map(
      (nested) =>
        `/${nested.segments.map((segment) => (typeof segment === 'number' ? `{${segment}}` : segment)).join('/')}`,
    );
    // The caller's ids in order: the school's, then the class's.
    const openApi = OPENAPI_1_2_NESTED_PATHS.map((path) => {
      let index = 0;
      return path.replace(/\{\w+\}/g, () => `{${index++}}`);
    });
    expect(paths.sort()).toEqual(openApi.sort());
  });
});
