import { MINIMAL_FIELDS, type MinimalPresetEntity } from '../../query/fields.js';
import type { OneRosterVersion } from './versions.js';

/**
 * The fields the client's `minimal` preset asks an entity for, per version: the request the doctor
 * tests before it calls the preset safe. A 1.2 user has `roles` (role and school membership) instead
 * of `role` and `orgs` (versions contract, issue #13), and a strict 1.2 server refuses the 1.1 names.
 * This is the one place that derives the 1.2 preset: once the client has its own per-version preset,
 * return that instead.
 */
export function minimalPreset(version: OneRosterVersion, entity: MinimalPresetEntity): readonly string[] {
  const preset: readonly string[] = MINIMAL_FIELDS[entity];
  if (version === '1.1' || entity !== 'user') return preset;
  return preset.flatMap((field) => (field === 'role' ? ['roles'] : field === 'orgs' ? [] : [field]));
}
