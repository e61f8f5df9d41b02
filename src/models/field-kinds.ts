import type { RefTarget } from './ref-targets.js';

/**
 * Which fields of an entity need normalising or enum reporting. Each entity file declares its own next
 * to its schema, so a field's schema and its normalisation are read together. Absent means none.
 */
export interface FieldKinds<T = Record<string, unknown>> {
  /** Spec booleans; the JSON binding sends them as `"true"`/`"false"` strings. */
  readonly booleans?: readonly (keyof T & string)[];
  /** `YYYY-MM-DD` dates. */
  readonly dates?: readonly (keyof T & string)[];
  /** Single GUIDRefs. */
  readonly refs?: readonly (keyof T & string)[];
  /** GUIDRef lists. */
  readonly refLists?: readonly (keyof T & string)[];
  /** Other lists of small objects whose inner `null`s mean "absent" (users' `userIds`). */
  readonly objectLists?: readonly (keyof T & string)[];
  /** String lists a provider may send as one comma-separated string (spec OpenAPI types `periods` so). */
  readonly stringLists?: readonly (keyof T & string)[];
  /** Strings some providers send as JSON numbers (`schoolYear: 2027`); lenient mode stringifies them. */
  readonly numericStrings?: readonly (keyof T & string)[];
  /**
   * Lists of objects with field kinds of their own (a 1.2 user's `roles` and `userProfiles`): each
   * element is normalised by its kinds, and its unknown enum values are reported under the element's
   * path (`roles.0.role`).
   */
  readonly nestedLists?: { readonly [K in keyof T & string]?: FieldKinds };
  /**
   * What each GUIDRef field (of `refs` and `refLists`) points at: a reference whose `type` names
   * another kind of record (an `orgs[]` entry typed `teacher`) is kept and reported.
   */
  readonly refTargets?: { readonly [K in keyof T & string]?: RefTarget };
  /** Open enums and their known values: an unknown value is kept and reported. */
  readonly enums?: { readonly [K in keyof T & string]?: readonly string[] };
  /** Lists of open-enum values (`grades`) and their known values: each unknown one is kept and reported. */
  readonly enumLists?: { readonly [K in keyof T & string]?: readonly string[] };
  /**
   * Lenient-mode repair of an entity-specific deviation, run on the normaliser's own copy of the
   * record before the field kinds above are applied.
   */
  readonly repair?: (record: Record<string, unknown>) => void;
}
