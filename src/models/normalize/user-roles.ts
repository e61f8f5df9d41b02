import { isObject } from '../../base/is-object.js';

/**
 * Gives a 1.2-shaped user the 1.1 fields it lacks (digest "Deviations": `roles[]` of
 * `{roleType, role, org}` instead of `role`/`orgs`, served on 1.1 paths):
 * - `role`: the role whose `roleType` is `primary`, else the first role;
 * - `orgs`: the org of every role, the primary role's first, each sourcedId once.
 * Fields the provider did send are never overwritten, and `roles` stays on the record as sent.
 * Mutates `record`, which must be the normaliser's own copy.
 */
export function deriveUserRoleFields(record: Record<string, unknown>): void {
  const roles = record['roles'];
  if (!Array.isArray(roles)) return;
  const entries = roles.filter(isObject);
  const primary = entries.find((entry) => entry['roleType'] === 'primary') ?? entries[0];
  if (primary === undefined) return;
  if (record['role'] === undefined && typeof primary['role'] === 'string') {
    record['role'] = primary['role'];
  }
  if (record['orgs'] === undefined) {
    const orgs: Record<string, unknown>[] = [];
    const seen = new Set<unknown>();
    for (const entry of [primary, ...entries]) {
      const org = entry['org'];
      if (!isObject(org) || seen.has(org['sourcedId'])) continue;
      seen.add(org['sourcedId']);
      orgs.push(org);
    }
    if (orgs.length > 0) record['orgs'] = orgs;
  }
}

/**
 * Gives a 1.1-shaped user served on a 1.2 path the `roles` it lacks: one `primary` role per org of
 * its `orgs`, each with its `role` (the 1.2 spec has one primary role per org). A user that sent
 * `roles` keeps them as sent; `role` and `orgs` stay on the record as sent. Mutates `record`, which
 * must be the normaliser's own copy.
 */
export function deriveRoleAssignments(record: Record<string, unknown>): void {
  const role = record['role'];
  const orgs = record['orgs'];
  if (record['roles'] !== undefined || typeof role !== 'string' || !Array.isArray(orgs)) return;
  const roles = orgs.filter(isObject).map((org) => ({ roleType: 'primary', role, org }));
  if (roles.length > 0) record['roles'] = roles;
}
