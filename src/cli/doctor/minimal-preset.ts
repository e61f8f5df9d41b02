import type { OneRosterVersion } from '../../base/oneroster-version.js';
import { MINIMAL_FIELDS_BY_VERSION, type MinimalPresetEntity } from '../../query/fields.js';

/**
 * The fields the client's `minimal` preset asks an entity for, in the version the doctor probes: the
 * request it tests before it calls the preset safe (a strict 1.2 server refuses the 1.1 user fields
 * `role` and `orgs`, and the 1.2 preset asks for `roles` instead).
 */
export function minimalPreset(version: OneRosterVersion, entity: MinimalPresetEntity): readonly string[] {
  return MINIMAL_FIELDS_BY_VERSION[version][entity];
}
