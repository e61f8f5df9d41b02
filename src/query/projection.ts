import type { EntityName } from '../models/shared/entity-name.js';
import type { EntityTypesOf, OneRosterVersion } from '../models/versions.js';
import type { MinimalFieldName } from './fields.js';

/** The entity and version whose record type is exactly `T` (mutual assignability), as `[E, V]`. */
type EntityOf<T> = {
  [V in OneRosterVersion]: {
    [E in EntityName]: [T] extends [EntityTypesOf<V>[E]]
      ? [EntityTypesOf<V>[E]] extends [T]
        ? [E, V]
        : never
      : never;
  }[EntityName];
}[OneRosterVersion];

/** The minimal preset's fields for record type `T`, of whichever entity and version `T` is. */
type MinimalFieldsOf<T> =
  EntityOf<T> extends infer Pair
    ? Pair extends [infer E extends EntityName, infer V extends OneRosterVersion]
      ? MinimalFieldName<E, V>
      : never
    : never;

/**
 * The item type of a list read with `fields: F`: `Pick<T, ...names>` for a list, the preset's `Pick`
 * for `'minimal'`, the whole `T` when no fields were given.
 *
 * @example
 * type Row = Projection<User, readonly ['sourcedId', 'givenName']>; // Pick<User, 'sourcedId' | 'givenName'>
 * type Slim = Projection<User, 'minimal'>; // Pick<User, 'sourcedId' | 'status' | ... | 'enabledUser'>
 */
export type Projection<T, F> = F extends 'minimal'
  ? Pick<T, MinimalFieldsOf<T> & keyof T>
  : F extends readonly (infer K)[]
    ? Pick<T, K & keyof T>
    : T;

/**
 * {@link Projection} by entity name and version: the item type of entity `E` of version `V` read
 * with `fields: F`.
 * @example type Row = EntityProjection<'user', readonly ['roles'], '1.2'>; // Pick<User<'1.2'>, 'roles'>
 */
export type EntityProjection<
  E extends EntityName,
  F,
  V extends OneRosterVersion = '1.1',
> = F extends 'minimal'
  ? Pick<EntityTypesOf<V>[E], MinimalFieldName<E, V> & keyof EntityTypesOf<V>[E]>
  : Projection<EntityTypesOf<V>[E], F>;
