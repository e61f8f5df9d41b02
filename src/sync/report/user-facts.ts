import { isPlainObject, refId, refIds, textOf } from './record-fields.js';

/** The org references of a user and the field they came from, for the missing-reference counts. */
export interface UserOrgs {
  /** `orgs` for a 1.1 user; `roles.org` for a 1.2 user, which has `roles` instead. */
  readonly field: 'orgs' | 'roles.org';
  readonly ids: readonly string[];
}

function rolesOf(record: Record<string, unknown>): Record<string, unknown>[] {
  const roles = record['roles'];
  return Array.isArray(roles) ? roles.filter(isPlainObject) : [];
}

/**
 * A user's role: 1.1's `role`; for a 1.2 user (`roles: [{ roleType, role, org }]`, no `role`), the
 * primary role's, else the first role's (the same rule as the client's normaliser).
 */
export function roleOfUser(record: Record<string, unknown>): string | undefined {
  const role = textOf(record['role']);
  if (role !== undefined) return role;
  const roles = rolesOf(record);
  const primary = roles.find((entry) => entry['roleType'] === 'primary') ?? roles[0];
  return primary === undefined ? undefined : textOf(primary['role']);
}

/** A user's orgs: 1.1's `orgs`; for a 1.2 user without them, the org of each of its roles. */
export function orgsOfUser(record: Record<string, unknown>): UserOrgs {
  if (Array.isArray(record['orgs'])) return { field: 'orgs', ids: refIds(record['orgs']) };
  const ids: string[] = [];
  for (const entry of rolesOf(record)) {
    const id = refId(entry['org']);
    if (id !== undefined && !ids.includes(id)) ids.push(id);
  }
  return { field: 'roles.org', ids };
}
