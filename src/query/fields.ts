import type { EntityName } from '../models/shared/entity-name.js';
import {
  DEFAULT_ONEROSTER_VERSION,
  type EntityTypesOf,
  type OneRosterVersion,
  VERSION_MODELS,
} from '../models/versions.js';
import { InvalidFieldsError } from './invalid-fields-error.js';

/** A field of an entity's record in OneRoster version `V`, e.g. `'givenName'` for `user`. */
export type FieldName<E extends EntityName, V extends OneRosterVersion = '1.1'> = keyof EntityTypesOf<V>[E] &
  string;

/** Entities that have a `minimal` preset: all but demographics, which is never requested unless named. */
export type MinimalPresetEntity = Exclude<EntityName, 'demographics'>;

/**
 * The `minimal` privacy preset of OneRoster 1.1: what a typical rostering integration needs and
 * nothing more (no passwords, phone numbers, middle names, agents or demographics; digest "Sorting,
 * field selection": request the minimum). Every preset holds `sourcedId`, `status` and
 * `dateLastModified`, which paging, de-duplication and delta sync rely on.
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

/**
 * The `minimal` preset of each version. 1.2 users have no `role` or `orgs` (a strict 1.2 server
 * answers 400 to a field it does not know), so the 1.2 user preset asks for `roles`, which carries
 * both the role and the school membership; the other entities have the same preset in both.
 */
export const MINIMAL_FIELDS_BY_VERSION = {
  '1.1': MINIMAL_FIELDS,
  '1.2': {
    ...MINIMAL_FIELDS,
    user: [
      'sourcedId',
      'status',
      'dateLastModified',
      'givenName',
      'familyName',
      'email',
      'roles',
      'grades',
      'identifier',
      'username',
      'enabledUser',
    ],
  },
} as const satisfies {
  readonly [V in OneRosterVersion]: { readonly [E in MinimalPresetEntity]: readonly FieldName<E, V>[] };
};

/** The fields of an entity's `minimal` preset in version `V`; `never` for demographics. */
export type MinimalFieldName<
  E extends EntityName,
  V extends OneRosterVersion = '1.1',
> = E extends MinimalPresetEntity ? (typeof MINIMAL_FIELDS_BY_VERSION)[V][E][number] : never;

/**
 * What a caller may pass as `fields`: a list of the entity's field names in version `V`, or
 * `'minimal'` (not for demographics). Use it with a `const` type parameter so a literal list keeps
 * its names.
 */
export type FieldSelection<E extends EntityName, V extends OneRosterVersion = '1.1'> =
  | readonly FieldName<E, V>[]
  | (E extends MinimalPresetEntity ? 'minimal' : never);

const FIELD_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Turns a `fields` option into the list to send (`fields=a,b,c`), or `undefined` for "every field".
 * Checks it first against the entity of OneRoster version `version`, because the server's answer to
 * a bad selection is either a 400 (1.2) or, in 1.1, a warning with every field returned, which would
 * defeat a privacy-minded selection.
 *
 * @throws InvalidFieldsError for an empty list, a name the entity does not have in that version, or
 *   `'minimal'` for demographics
 * @example resolveFields('user', 'minimal') // ['sourcedId', 'status', 'dateLastModified', 'givenName', ...]
 * @example resolveFields('user', 'minimal', '1.2') // [..., 'roles', ...]
 */
export function resolveFields<E extends EntityName, V extends OneRosterVersion = '1.1'>(
  entity: E,
  fields: FieldSelection<E, V> | undefined,
  version?: V,
): readonly string[] | undefined {
  return fields === undefined ? undefined : checkFieldSelection(entity, fields, version);
}

/**
 * Checks a selection read at run time (a config file, a command line) against entity `E` of version
 * `V`, so it can be passed as `fields` where the entity is known only by its type parameter.
 * @throws InvalidFieldsError as `resolveFields` does
 * @example
 * const fields = config.fields.split(',');
 * assertFieldSelection('user', fields);
 * client.users.list({ fields });
 */
export function assertFieldSelection<E extends EntityName, V extends OneRosterVersion = '1.1'>(
  entity: E,
  fields: unknown,
  version?: V,
): asserts fields is FieldSelection<E, V> {
  checkFieldSelection(entity, fields, version);
}

/**
 * `resolveFields` for callers holding a selection whose entity is not known statically.
 * Returns the list to send; a valid list without duplicates is returned as the same array.
 * @throws InvalidFieldsError as `resolveFields` does
 */
export function checkFieldSelection(
  entity: EntityName,
  fields: unknown,
  version: OneRosterVersion = DEFAULT_ONEROSTER_VERSION,
): readonly string[] {
  if (fields === 'minimal') {
    const preset: { readonly [E in EntityName]?: readonly string[] } = MINIMAL_FIELDS_BY_VERSION[version];
    const names = preset[entity];
    if (names === undefined) {
      throw new InvalidFieldsError({
        reason: 'no-minimal-preset',
        entity,
        message: 'demographics have no `minimal` field preset: name the fields you need',
      });
    }
    return names;
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
  assertFieldNames(entity, names, version);
  return new Set(names).size === names.length ? names : [...new Set(names)];
}

function assertFieldNames(
  entity: EntityName,
  names: readonly unknown[],
  version: OneRosterVersion,
): asserts names is readonly string[] {
  const known = VERSION_MODELS[version].schemas[entity].shape;
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
        message: unknownFieldMessage(entity, field, version),
      });
    }
  }
}

/** Names the version, and the fix when the field belongs to the other one (`roles` on a 1.1 client). */
function unknownFieldMessage(entity: EntityName, field: string, version: OneRosterVersion): string {
  const other: OneRosterVersion = version === '1.1' ? '1.2' : '1.1';
  const inOther = Object.hasOwn(VERSION_MODELS[other].schemas[entity].shape, field);
  return inOther
    ? `${entity} has no field \`${field}\` in OneRoster ${version}: it is a ${other} field (the client's \`version\` option is '${version}')`
    : `${entity} has no field \`${field}\` in OneRoster ${version}`;
}
