/**
 * Every rostering entity, named as in a GUIDRef `type`, in dependency order (orgs before the records
 * that point at them). OneRoster 1.1 and 1.2 have the same entities (`/schools` serves `org`,
 * `/students` serves `user` in both).
 */
export const ENTITY_NAMES = [
  'org',
  'academicSession',
  'course',
  'class',
  'user',
  'enrollment',
  'demographics',
] as const satisfies readonly string[];

/** A rostering entity, named as in a GUIDRef `type` (`/schools` serves `org`, `/students` serves `user`). */
export type EntityName = (typeof ENTITY_NAMES)[number];
