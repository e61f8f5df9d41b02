/** OneRoster 1.1 rostering scopes, and which an endpoint needs. */
import type { Route } from './router.js';

const SCOPE_BASE = 'https://purl.imsglobal.org/spec/or/v1p1/scope';

/** The rostering scopes of 1.1. */
export const ONEROSTER_SCOPES = {
  rosterCore: `${SCOPE_BASE}/roster-core.readonly`,
  roster: `${SCOPE_BASE}/roster.readonly`,
  demographics: `${SCOPE_BASE}/roster-demographics.readonly`,
} as const;

/** Every rostering scope: what a client is granted when neither side narrows it. */
export const ALL_ROSTER_SCOPES: readonly string[] = Object.values(ONEROSTER_SCOPES);

/**
 * Scopes of which a route needs at least one: demographics need roster-demographics; nested
 * endpoints need roster.readonly; other top-level reads accept roster-core or roster.
 */
export function scopesFor(route: Route): readonly string[] {
  if (route.kind !== 'nested' && route.view.collection === 'demographics')
    return [ONEROSTER_SCOPES.demographics];
  if (route.kind === 'nested') return [ONEROSTER_SCOPES.roster];
  return [ONEROSTER_SCOPES.rosterCore, ONEROSTER_SCOPES.roster];
}
