import {
  isOneRosterVersion,
  ONEROSTER_VERSIONS,
  type OneRosterVersion,
} from '../../base/oneroster-version.js';

export { isOneRosterVersion, ONEROSTER_VERSIONS, type OneRosterVersion };

/** The rostering path each version's base URL ends in (spec 1.1 section 3.1; 1.2 REST binding section 2). */
export const ROSTERING_PATHS: Readonly<Record<OneRosterVersion, string>> = {
  '1.1': '/ims/oneroster/v1p1',
  '1.2': '/ims/oneroster/rostering/v1p2',
};

/** The version a base URL names by its path, or undefined for a base URL of another shape (a gateway's). */
export function versionOfBaseUrl(baseUrl: string): OneRosterVersion | undefined {
  const path = URL.canParse(baseUrl) ? new URL(baseUrl).pathname.replace(/\/+$/, '') : '';
  return ONEROSTER_VERSIONS.find((version) => path.endsWith(ROSTERING_PATHS[version]));
}

/** The version a user record is shaped for: 1.2 has `roles[]` and no `role`; undefined when neither. */
export function versionOfUser(user: Record<string, unknown> | undefined): OneRosterVersion | undefined {
  if (user === undefined) return undefined;
  if (Array.isArray(user['roles']) && user['role'] === undefined) return '1.2';
  if (typeof user['role'] === 'string') return '1.1';
  return undefined;
}
