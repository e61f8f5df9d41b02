/** OneRoster rostering scopes of 1.1 and 1.2, and which an endpoint needs. */
import type { Route } from './router.js';
import type { MockVersion } from './versions.js';

/** The three rostering scopes of a version. */
export interface RosterScopes {
  /** Top-level reads but demographics. */
  readonly rosterCore: string;
  /** Every read but demographics, nested endpoints included. */
  readonly roster: string;
  /** Demographics. */
  readonly demographics: string;
}

const V1P1_SCOPE_BASE = 'https://purl.imsglobal.org/spec/or/v1p1/scope';
const V1P2_SCOPE_BASE = 'https://purl.imsglobal.org/spec/or/v1p2/scope';

/** The rostering scopes of 1.1. */
export const ONEROSTER_V1P1_SCOPES = {
  rosterCore: `${V1P1_SCOPE_BASE}/roster-core.readonly`,
  roster: `${V1P1_SCOPE_BASE}/roster.readonly`,
  demographics: `${V1P1_SCOPE_BASE}/roster-demographics.readonly`,
} as const satisfies RosterScopes;

/** The rostering scopes of 1.2 (1.2 OpenAPI, the `OAuth2CC` security scheme). */
export const ONEROSTER_V1P2_SCOPES = {
  rosterCore: `${V1P2_SCOPE_BASE}/roster-core.readonly`,
  roster: `${V1P2_SCOPE_BASE}/roster.readonly`,
  demographics: `${V1P2_SCOPE_BASE}/roster-demographics.readonly`,
} as const satisfies RosterScopes;

/** Every 1.1 rostering scope: what a 1.1 client is granted when neither side narrows it. */
export const ALL_ROSTER_SCOPES: readonly string[] = Object.values(ONEROSTER_V1P1_SCOPES);

/** Every 1.2 rostering scope. */
export const ALL_V1P2_ROSTER_SCOPES: readonly string[] = Object.values(ONEROSTER_V1P2_SCOPES);

/** The rostering scopes of a version. */
export function rosterScopes(version: MockVersion): RosterScopes {
  return version === '1.2' ? ONEROSTER_V1P2_SCOPES : ONEROSTER_V1P1_SCOPES;
}

/**
 * Scopes of which a route needs at least one, the same rule in both versions (1.2 OpenAPI `security`
 * of each path): demographics need roster-demographics; nested endpoints need roster.readonly; other
 * top-level reads accept roster-core or roster.
 */
export function scopesFor(route: Route, scopes: RosterScopes = ONEROSTER_V1P1_SCOPES): readonly string[] {
  if (route.kind !== 'nested' && route.view.collection === 'demographics') return [scopes.demographics];
  if (route.kind === 'nested') return [scopes.roster];
  return [scopes.rosterCore, scopes.roster];
}
