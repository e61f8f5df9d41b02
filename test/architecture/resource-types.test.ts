import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  COLLECTIONS,
  type CollectionResource,
  createOneRosterClient,
  NESTED_COLLECTIONS_BY_VERSION,
  type NestedRead,
  type NestedReadOfSchoolClass,
  ONEROSTER_VERSIONS,
  type OneRosterResources,
} from '../../src/index.js';
import { staticBearer } from '../helpers/static-auth.js';

/** The surface resource-types.ts used to state by hand, which the tables now derive. */
interface StatedByHand {
  orgs: CollectionResource<'org'>;
  schools: CollectionResource<'org'> & {
    courses: NestedRead<'course'>;
    classes: NestedRead<'class'>;
    enrollments: NestedRead<'enrollment'>;
    students: NestedRead<'user'>;
    teachers: NestedRead<'user'>;
    terms: NestedRead<'academicSession'>;
    classEnrollments: NestedReadOfSchoolClass<'enrollment'>;
    classStudents: NestedReadOfSchoolClass<'user'>;
    classTeachers: NestedReadOfSchoolClass<'user'>;
  };
  academicSessions: CollectionResource<'academicSession'>;
  terms: CollectionResource<'academicSession'> & {
    classes: NestedRead<'class'>;
    gradingPeriods: NestedRead<'academicSession'>;
  };
  gradingPeriods: CollectionResource<'academicSession'>;
  courses: CollectionResource<'course'> & { classes: NestedRead<'class'> };
  classes: CollectionResource<'class'> & { students: NestedRead<'user'>; teachers: NestedRead<'user'> };
  users: CollectionResource<'user'> & { classes: NestedRead<'class'> };
  students: CollectionResource<'user'> & { classes: NestedRead<'class'> };
  teachers: CollectionResource<'user'> & { classes: NestedRead<'class'> };
  enrollments: CollectionResource<'enrollment'>;
  demographics: CollectionResource<'demographics'>;
}

describe('the resources derived from the collections tables', () => {
  it('have the types the hand-written surface had', () => {
    expectTypeOf<OneRosterResources>().toExtend<StatedByHand>();
    expectTypeOf<StatedByHand>().toExtend<OneRosterResources>();
    expectTypeOf<keyof OneRosterResources>().toEqualTypeOf<keyof StatedByHand>();
    expectTypeOf<keyof OneRosterResources['schools']>().toEqualTypeOf<keyof StatedByHand['schools']>();
  });

  it('have the same surface in 1.2, typed by the 1.2 records', () => {
    expectTypeOf<keyof OneRosterResources<'1.2'>>().toEqualTypeOf<keyof StatedByHand>();
    expectTypeOf<keyof OneRosterResources<'1.2'>['schools']>().toEqualTypeOf<keyof StatedByHand['schools']>();
    expectTypeOf<OneRosterResources<'1.2'>['students']>().toExtend<CollectionResource<'user', '1.2'>>();
    expectTypeOf<OneRosterResources<'1.2'>['classes']['students']>().toEqualTypeOf<
      NestedRead<'user', '1.2'>
    >();
  });

  it.each(ONEROSTER_VERSIONS)(
    'build in %s every collection and nested collection of the tables, and nothing else',
    (version) => {
      const client = createOneRosterClient({
        baseUrl:
          version === '1.1'
            ? 'https://sis.test/ims/oneroster/v1p1'
            : 'https://sis.test/ims/oneroster/rostering/v1p2',
        auth: staticBearer('t'),
        version,
      });
      const table: readonly { parent: string; method: string }[] = NESTED_COLLECTIONS_BY_VERSION[version];
      for (const name of Object.keys(COLLECTIONS)) {
        const resource: unknown = Reflect.get(client, name);
        if (typeof resource !== 'object' || resource === null) throw new Error(`no resource ${name}`);
        const nested = table.filter((entry) => entry.parent === name).map((entry) => entry.method);
        expect(Object.keys(resource).sort(), name).toEqual(['get', 'list', 'pages', ...nested].sort());
      }
    },
  );
});
