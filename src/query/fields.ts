import type { EntityName } from '../models/shared/entity-name.js';
import { ENTITY_SCHEMAS, type EntityTypes } from '../models/v1p1/entities.js';
import { InvalidFieldsError } from './invalid-fields-error.js';

/** A field of an entity's record, e.g. `'givenName'` for `user`. */
export type FieldName<E extends EntityName> = keyof EntityTypes[E] & string;

/** Entities that have a `minimal` preset: all but demographics, which is never requested unless named. */
export type MinimalPresetEntity = Exclude<EntityName, 'demographics'>;

/**
 * The `minimal` privacy preset: what a typical rostering integration needs and nothing more (no
 * passwords, phone numbers, middle names, agents or demographics; digest "Sorting, field selection":
 * request the minimum). Every preset holds `sourcedId`, `status` and `dateLastModified`, which paging,
 * de-duplication and delta sync rely on.
 */
export const MINIMAL_FIELDS = {
  org: ['sourcedId', 'status', 'dateLastModified', 'name', 'type', 'identifier', 'parent'],
  user: [
    'sourcedId',
    'status',
    'dateLastModified',
    'givenName',
    'familyName',
    'email',
    'role',
    'grades',
    'orgs',
    'identifier',
    'username',
    'enabledUser',
  ],
  class: [
    'sourcedId',
    'status',
    'dateLastModified',
    'title',
    'classCode',
    'course',
    'periods',
    'school',
    'terms',
  ],
  course: ['sourcedId', 'status', 'dateLastModified', 'title', 'courseCode', 'org'],
  academicSession: [
    'sourcedId',
    'status',
    'dateLastModified',
    'title',
    'type',
    'startDate',
    'endDate',
    'schoolYear',
    'parent',
  ],
  enrollment: [
    'sourcedId',
    'status',
    'dateLastModified',
    'user',
    'class',
    'school',
    'role',
    'primary',
    'beginDate',
    'endDate',
  ],
} as const satisfies { readonly [E in MinimalPresetEntity]: readonly FieldName<E>[] };

/** The fields of an entity's `minimal` preset; `never` for demographics. */
export type MinimalFieldName<E extends EntityName> = E extends MinimalPresetEntity
  ? (typeof MINIMAL_FIELDS)[E][number]
  : never;

/**
 * What a caller may pass as `fields`: a list of the entity's field names, or `'minimal'` (not for
 * demographics). Use it with a `const` type parameter so a literal list keeps its names.
 */
export type FieldSelection<E extends EntityName> =
  | readonly FieldName<E>[]
  | (E extends MinimalPresetEntity ? 'minimal' : never);

/** The entity whose record type is exactly `T` (mutual assignability), or `never`. */
type EntityOf<T> = {
  [E in EntityName]: [T] extends [EntityTypes[E]] ? ([EntityTypes[E]] extends [T] ? E : never) : never;
}[EntityName];

/**
 * The item type of a list read with `fields: F`: `Pick<T, ...names>` for a list, the preset's `Pick`
 * for `'minimal'`, the whole `T` when no fields were given.
 *
 * @example
 * type Row = Projection<User, readonly ['sourcedId', 'givenName']>; // Pick<User, 'sourcedId' | 'givenName'>
 * type Slim = Projection<User, 'minimal'>; // Pick<User, 'sourcedId' | 'status' | ... | 'enabledUser'>
 */
export type Projection<T, F> = F extends 'minimal'
  ? Pick<T, MinimalFieldName<EntityOf<T>> & keyof T>
  : F extends readonly (infer K)[]
    ? Pick<T, K & keyof T>
    : T;

/** {@link Projection} by entity name: the item type of entity `E` read with `fields: F`. */
export type EntityProjection<E extends EntityName, F> = Projection<EntityTypes[E], F>;

const PRESETS: { readonly [E in EntityName]?: readonly string[] } = MINIMAL_FIELDS;
const FIELD_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Turns a `fields` option into the list to send (`fields=a,b,c`), or `undefined` for "every field".
 * Checks it first, because the server's answer to a bad selection is either a 400 or, in 1.1, a
 * warning with every field returned, which would defeat a privacy-minded selection.
 *
 * @throws InvalidFieldsError for an empty list, a name the entity does not have, or `'minimal'` for
 *   demographics
 * @example resolveFields('user', 'minimal') // ['sourcedId', 'status', 'dateLastModified', 'givenName', ...]
 */
export function resolveFields<E extends EntityName>(
  entity: E,
  fields: FieldSelection<E> | undefined,
): readonly string[] | undefined {
  return fields === undefined ? undefined : checkFieldSelection(entity, fields);
}

/**
 * Checks a selection read at run time (a config file, a command line) against entity `E`, so it can be
 * passed as `fields` where the entity is known only by its type parameter.
 * @throws InvalidFieldsError as {@link resolveFields} does
 * @example
 * const fields = config.fields.split(',');
 * assertFieldSelection('user', fields);
 * client.users.list({ fields });
 */
export function assertFieldSelection<E extends EntityName>(
  entity: E,
  fields: unknown,
): asserts fields is FieldSelection<E> {
  checkFieldSelection(entity, fields);
}

/**
 * {@link resolveFields} for callers holding a selection whose entity is not known statically.
 * Returns the list to send; a valid list without duplicates is returned as the same array.
 * @throws InvalidFieldsError as {@link resolveFields} does
 */
export function checkFieldSelection(entity: EntityName, fields: unknown): readonly string[] {
  if (fields === 'minimal') {
    const preset = PRESETS[entity];
    if (preset === undefined) {
      throw new InvalidFieldsError({
        reason: 'no-minimal-preset',
        entity,
        message: 'demographics have no `minimal` field preset: name the fields you need',
      });
    }
    return preset;
  }
  if (!Array.isArray(fields)) {
    throw new InvalidFieldsError({
      reason: 'invalid-name',
      entity,
      message: `\`fields\` for ${entity} must be a list of field names or 'minimal'`,
    });
  }
  // Checked as unknown: plain-JavaScript callers can pass anything.
  const names: readonly unknown[] = fields;
  if (names.length === 0) {
    throw new InvalidFieldsError({
      reason: 'empty',
      entity,
      message: `an empty \`fields\` list for ${entity} is refused (the spec answers 400 invalid_blank_selection_field); omit \`fields\` to get every field`,
    });
  }
  assertFieldNames(entity, names);
  return new Set(names).size === names.length ? names : [...new Set(names)];
}

function assertFieldNames(entity: EntityName, names: readonly unknown[]): asserts names is readonly string[] {
  const known = ENTITY_SCHEMAS[entity].shape;
  for (const field of names) {
    if (typeof field !== 'string' || !FIELD_NAME_PATTERN.test(field)) {
      throw new InvalidFieldsError({
        reason: 'invalid-name',
        entity,
        message: `\`fields\` for ${entity} holds something that is not a field name`,
      });
    }
    if (!Object.hasOwn(known, field)) {
      throw new InvalidFieldsError({
        reason: 'unknown-field',
        entity,
        field,
        message: `${entity} has no field \`${field}\``,
      });
    }
  }
}
