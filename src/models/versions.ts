import type { OneRosterVersion } from '../base/oneroster-version.js';
import type { FieldKinds } from './field-kinds.js';
import type { EntityName } from './shared/entity-name.js';
import { GUID_REF_TYPES } from './shared/enums.js';
import * as v1p1 from './v1p1/entities.js';
import * as v1p2 from './v1p2/entities.js';
import { GUID_REF_TYPES_V1P2 } from './v1p2/enums.js';

export {
  DEFAULT_ONEROSTER_VERSION,
  isOneRosterVersion,
  ONEROSTER_VERSIONS,
  type OneRosterVersion,
} from '../base/oneroster-version.js';

/** The record types of each version, by entity name. */
export interface EntityTypesByVersion {
  '1.1': v1p1.EntityTypes;
  '1.2': v1p2.EntityTypes;
}

/** The record type of each entity of version `V`: `EntityTypesOf<'1.2'>['user']` has `roles`. */
export type EntityTypesOf<V extends OneRosterVersion = '1.1'> = EntityTypesByVersion[V];

/** What the SDK needs to read one version's records. */
export interface VersionModel {
  /** The zod schema of each entity, for a record already normalised (its `shape` lists the fields). */
  readonly schemas: {
    readonly [E in EntityName]: (typeof v1p1.ENTITY_SCHEMAS | typeof v1p2.ENTITY_SCHEMAS)[E];
  };
  /** How each entity's fields are normalised and which enums are reported. */
  readonly kinds: { readonly [E in EntityName]: FieldKinds };
  /** The GUIDRef `type` values the version knows; another value is reported as unknown. */
  readonly refTypes: readonly string[];
}

/** The per-version schema registry: every place that reads records picks its version's row here. */
export const VERSION_MODELS: { readonly [V in OneRosterVersion]: VersionModel } = {
  '1.1': { schemas: v1p1.ENTITY_SCHEMAS, kinds: v1p1.ENTITY_FIELD_KINDS, refTypes: GUID_REF_TYPES },
  '1.2': { schemas: v1p2.ENTITY_SCHEMAS, kinds: v1p2.ENTITY_FIELD_KINDS, refTypes: GUID_REF_TYPES_V1P2 },
};
