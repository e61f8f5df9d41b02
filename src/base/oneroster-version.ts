/**
 * The OneRoster versions the SDK speaks. Defined here because the client options name them and
 * `base/` imports nothing; `models/versions.ts` re-exports them next to the per-version models.
 */
export const ONEROSTER_VERSIONS = ['1.1', '1.2'] as const;

/** A OneRoster rostering version: `'1.1'` (paths under `/ims/oneroster/v1p1`) or `'1.2'` (`/ims/oneroster/rostering/v1p2`). */
export type OneRosterVersion = (typeof ONEROSTER_VERSIONS)[number];

/** The version a client speaks when its options name none. */
export const DEFAULT_ONEROSTER_VERSION = '1.1';

/** True for `'1.1'` or `'1.2'`. */
export function isOneRosterVersion(value: unknown): value is OneRosterVersion {
  return value === '1.1' || value === '1.2';
}
