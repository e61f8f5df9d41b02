/**
 * What a OneRoster version decides for the mock: its paths, scopes, fields, the shape of its records
 * and the sourcedIds it serves. The router, the query checks and the serialiser ask it; the district
 * underneath is the same for both versions.
 */
import type { District } from '../district/district.js';
import {
  type CollectionName,
  KNOWN_FIELDS,
  OPTIONAL_FIELDS,
  type RosterRecord,
} from '../district/records.js';
import { KNOWN_FIELDS_V1P2, OPTIONAL_FIELDS_V1P2, V1P2_ONLY_USER_FIELDS } from './fields-v1p2.js';
import type { ResolvedQuirks } from './quirks.js';
import { createRekeying } from './rekey.js';
import { type RosterScopes, rosterScopes } from './scopes.js';
import { type MockVersion, ROSTERING_PATHS } from './versions.js';
import { viewV1p2 } from './view-v1p2.js';

/** A version's model of the roster. */
export interface VersionModel {
  readonly version: MockVersion;
  /** The rostering path, e.g. `/ims/oneroster/rostering/v1p2`. */
  readonly rosteringPath: string;
  readonly scopes: RosterScopes;
  /** Every field of an entity: `fields`, `filter` and `sort` are checked against it. */
  knownFields(collection: CollectionName): readonly string[];
  /** Optional fields of an entity, for the `nullOptionalFields` quirk. */
  optionalFields(collection: CollectionName): readonly string[];
  /** The record as this version describes it; filters, sorts and projections read this. */
  view(record: RosterRecord, collection: CollectionName): RosterRecord;
  /** The stored sourcedId a served one names (they differ when re-keyed); undefined: no such record. */
  storedId(collection: CollectionName, servedId: string): string | undefined;
  /** Changes whenever `view` would: part of the query engine's cache keys. */
  readonly key: string;
}

/** A 1.1 record without the 1.2-only user fields a mutation may have stored. */
function viewV1p1(record: RosterRecord, collection: CollectionName): RosterRecord {
  if (collection !== 'users' || !V1P2_ONLY_USER_FIELDS.some((field) => field in record)) return record;
  const out: RosterRecord = { ...record };
  for (const field of V1P2_ONLY_USER_FIELDS) delete out[field];
  return out;
}

/** The model of `version` over a district, under the quirks in force (re-keying is a 1.2 quirk). */
export function createVersionModel(
  version: MockVersion,
  district: District,
  quirks: ResolvedQuirks,
): VersionModel {
  const rosteringPath = ROSTERING_PATHS[version];
  const scopes = rosterScopes(version);
  if (version === '1.1') {
    return {
      version,
      rosteringPath,
      scopes,
      knownFields: (collection) => KNOWN_FIELDS[collection],
      optionalFields: (collection) => OPTIONAL_FIELDS[collection],
      view: viewV1p1,
      storedId: (_collection, id) => id,
      key: '1.1',
    };
  }
  const rekeying = createRekeying(quirks.rekeySourcedIds, quirks.rekeyLink);
  const context = {
    shape: district.shape,
    rekeying,
    orgType: (sourcedId: string) => district.peek('orgs', sourcedId)?.['type'],
  };
  return {
    version,
    rosteringPath,
    scopes,
    knownFields: (collection) => KNOWN_FIELDS_V1P2[collection],
    optionalFields: (collection) => OPTIONAL_FIELDS_V1P2[collection],
    view: (record, collection) => viewV1p2(record, collection, context),
    storedId: rekeying.stored,
    key: `1.2|${rekeying.key}`,
  };
}
