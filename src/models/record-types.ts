import type { OneRosterVersion } from '../base/oneroster-version.js';
import type { Sex as SexV1p1, UserRole as UserRoleV1p1 } from './v1p1/enums.js';
import type { SexV1p2, UserRoleV1p2 } from './v1p2/enums.js';
import type { EntityTypesOf } from './versions.js';

/*
 * The record types, generic over the OneRoster version with 1.1 as the default, so code written
 * for 1.1 reads the same: `User` is a 1.1 user, `User<'1.2'>` a 1.2 one (with `roles`).
 */

/** An organisation (district, school, ...). */
export type Org<V extends OneRosterVersion = '1.1'> = EntityTypesOf<V>['org'];
/** A school year, term, semester or grading period. */
export type AcademicSession<V extends OneRosterVersion = '1.1'> = EntityTypesOf<V>['academicSession'];
/** A course. */
export type Course<V extends OneRosterVersion = '1.1'> = EntityTypesOf<V>['course'];
/** A class (a course section). */
export type Class<V extends OneRosterVersion = '1.1'> = EntityTypesOf<V>['class'];
/** A user of any role: 1.1 users have `role` and `orgs`, 1.2 users `roles`. */
export type User<V extends OneRosterVersion = '1.1'> = EntityTypesOf<V>['user'];
/** A user's membership of a class. */
export type Enrollment<V extends OneRosterVersion = '1.1'> = EntityTypesOf<V>['enrollment'];
/** A user's demographic data. */
export type Demographics<V extends OneRosterVersion = '1.1'> = EntityTypesOf<V>['demographics'];

/** A user's role: 1.1's `role`, or 1.2's `roles[].role`; unknown values are kept. */
export type UserRole<V extends OneRosterVersion = '1.1'> = V extends '1.2' ? UserRoleV1p2 : UserRoleV1p1;
/** Demographics `sex`; unknown values are kept. */
export type Sex<V extends OneRosterVersion = '1.1'> = V extends '1.2' ? SexV1p2 : SexV1p1;
