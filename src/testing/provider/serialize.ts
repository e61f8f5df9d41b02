/** Turns stored records into response records: the version's view, projection (`fields`), then the shape quirks. */

import { BOOLEAN_FIELDS, type CollectionName, type RosterRecord } from '../district/records.js';
import type { ResolvedQuirks } from './quirks.js';
import type { VersionModel } from './version-model.js';

/** Writes a "true"/"false" value as the `booleans` quirk says. */
function writeBoolean(value: unknown, style: ResolvedQuirks['booleans']): unknown {
  const truth = value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
  const falsity = value === false || (typeof value === 'string' && value.toLowerCase() === 'false');
  if (!truth && !falsity) return value;
  if (style === 'boolean') return truth;
  if (style === 'upperCase') return truth ? 'TRUE' : 'FALSE';
  return truth ? 'true' : 'false';
}

/** A 1.2-style `roles[]` from a 1.1 user's role and orgs. */
function rolesOf(record: Record<string, unknown>): unknown[] {
  const orgs = Array.isArray(record['orgs']) ? record['orgs'] : [];
  return orgs.map((org, index) => ({
    roleType: index === 0 ? 'primary' : 'secondary',
    role: record['role'],
    org,
  }));
}

/**
 * The record as sent in the model's version. `fields` (already validated) selects fields; undefined
 * sends all of them. A new object is built, so stored records are never modified.
 */
export function serializeRecord(
  stored: RosterRecord,
  collection: CollectionName,
  fields: readonly string[] | undefined,
  quirks: ResolvedQuirks,
  model: VersionModel,
): Record<string, unknown> {
  const record = model.view(stored, collection);
  const out: Record<string, unknown> = {};
  const names = fields ?? Object.keys(record);
  for (const name of names) {
    const value = record[name];
    if (value === undefined) continue;
    out[name] = BOOLEAN_FIELDS.has(name) ? writeBoolean(value, quirks.booleans) : value;
  }
  if (quirks.nullOptionalFields) {
    for (const name of model.optionalFields(collection)) {
      if (out[name] === undefined && (fields === undefined || fields.includes(name))) out[name] = null;
    }
  }
  const onV1p1Path = model.version === '1.1';
  if (quirks.usersAsV1p2 && onV1p1Path && collection === 'users' && ('role' in out || 'orgs' in out)) {
    out['roles'] = rolesOf(record);
    delete out['role'];
    delete out['orgs'];
  }
  return out;
}
