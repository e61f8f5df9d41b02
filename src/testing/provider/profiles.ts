/** Presets that make the mock behave like a known provider: a version plus a set of quirks. */
import type { MockQuirks } from './quirks.js';
import type { MockVersion } from './versions.js';

/** A provider the mock can imitate. */
export type MockProfile = 'edfi';

/**
 * Ed-Fi's OneRoster server (Ed-Fi-Alliance-OSS/edfi-oneroster, 1.2 over PostgreSQL views), as seen
 * by issue #13: pages clamped to 500, no `X-Total-Count`, no `Link`, booleans as strings, a 400 for
 * any unknown field, no nested endpoints, singular envelopes, and unstable ties under a sort.
 * Spread it to change one: `quirks: { ...EDFI_QUIRKS, maxPageSize: 100 }`.
 */
export const EDFI_QUIRKS: Readonly<MockQuirks> = Object.freeze({
  maxPageSize: 500,
  totalCount: 'omit',
  link: 'omit',
  booleans: 'string',
  errorShape: 'imsx',
  rejectUnknownFields: true,
  noNestedEndpoints: true,
  singularEnvelopes: true,
  unstableTieOrder: true,
});

/** What each profile sets. */
export const PROFILES: Readonly<Record<MockProfile, { version: MockVersion; quirks: Readonly<MockQuirks> }>> =
  {
    edfi: { version: '1.2', quirks: EDFI_QUIRKS },
  };
