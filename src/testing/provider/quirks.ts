/** Provider quirks seen in the wild, each switchable; the defaults are a spec-faithful provider. */

import type { CollectionName } from '../district/records.js';
import type { ErrorShape } from './imsx.js';

/** How `Link` headers are written. */
export type LinkStyle =
  /** `<absolute-url>; rel="next", ...` keeping the query. */
  | 'standard'
  /** No `Link` header (Ed-Fi). */
  | 'omit'
  /** URLs without `<>`. */
  | 'noAngleBrackets'
  /** Empty entries and a trailing comma. */
  | 'trailingComma'
  /** Path-only URLs. */
  | 'relative'
  /** `next` keeps only limit and offset, dropping filter, fields and sort. */
  | 'nextDropsQuery';

/** Provider quirks. Every one is off by default. */
export interface MockQuirks {
  /** Silently serve at most this many records per page, whatever `limit` asks (Ed-Fi: 500; ClassLink: 10,000). */
  maxPageSize?: number;
  /** Answer 413 when `limit` exceeds this (Clever: above 10,000). */
  rejectLimitAbove?: number;
  /**
   * `X-Total-Count`: exact, absent, negative, or a random number.
   * @default 'exact'
   */
  totalCount?: 'exact' | 'omit' | 'negative' | 'random';
  /**
   * The `Link` header's style.
   * @default 'standard'
   */
  link?: LinkStyle;
  /**
   * How boolean fields (enabledUser, primary, demographics) are written: "true", true, or "TRUE".
   * @default 'string'
   */
  booleans?: 'string' | 'boolean' | 'upperCase';
  /** Optional fields the record lacks are sent as `null` instead of being left out. */
  nullOptionalFields?: boolean;
  /** Users shaped like OneRoster 1.2 (`roles[]` instead of `role` and `orgs`) on the 1.1 path. */
  usersAsV1p2?: boolean;
  /**
   * Shape of error bodies.
   * @default 'imsx'
   */
  errorShape?: ErrorShape;
  /** `GET /orgs/{id}` of a school answers `{"school": {...}}` instead of `{"org": {...}}`. */
  schoolEnvelope?: boolean;
  /** Lists answer a bare JSON array instead of `{"users": [...]}`. */
  bareArray?: boolean;
  /** Deletions are never marked: `tobedeleted` records are not served (lists skip them, reads are 404). */
  hideTombstones?: boolean;
  /**
   * Records inserted during a pull: every list request with offset > 0 first inserts this many records
   * sorting right after the collection's first record, i.e. before the client's cursor.
   */
  driftInsertsPerPage?: number;
  /** Send ClassLink's `x-perm-rev` header, the district revision, which changes with every mutation. */
  permRevHeader?: boolean;
  /**
   * Ed-Fi: an unknown field in `fields` is a 400 `invalid_selection_field` instead of a warning with
   * every field. (An unknown field in a filter is a 400 `invalid_filter_field` with or without it.)
   */
  rejectUnknownFields?: boolean;
  /** Ed-Fi: no nested endpoints (`/schools/{id}/classes`, `/classes/{id}/students`...): they answer 404. */
  noNestedEndpoints?: boolean;
  /** Ed-Fi: `GET /demographics/{id}` answers `{"demographic": {...}}`, the singular noun, not `{"demographics": ...}`. */
  singularEnvelopes?: boolean;
  /**
   * Ed-Fi: sorted on a field other than `sourcedId`, records with equal values (ties) come in a
   * different order on each request, so offset paging over ties skips some and repeats others. The
   * order is a function of the request number (the provider's n-th data request): tests repeat.
   */
  unstableTieOrder?: boolean;
  /**
   * Infinite Campus: served as 1.2, the records of every collection (`true`) or of the listed ones get
   * new sourcedIds (`ic12-` + the 1.1 id), and references to them follow. Demographics follow users.
   * No effect on a 1.1 provider.
   */
  rekeySourcedIds?: boolean | readonly CollectionName[];
  /**
   * Where a re-keyed record keeps its 1.1 sourcedId: Infinite Campus's `metadata.ic.legacysourceId`,
   * or nowhere (`'omit'`: a client cannot link old and new records).
   * @default 'metadata'
   */
  rekeyLink?: 'metadata' | 'omit';
}

/**
 * Changes to the quirks, for `setQuirks`: each named quirk replaces the current one, and `undefined`
 * switches it back off (for `maxPageSize` and `rejectLimitAbove`, which have no default to pass).
 */
export type QuirkChanges = { readonly [Q in keyof MockQuirks]?: MockQuirks[Q] | undefined };

/** Quirks with defaults applied. */
export type ResolvedQuirks = Required<Omit<MockQuirks, 'maxPageSize' | 'rejectLimitAbove'>> &
  Pick<MockQuirks, 'maxPageSize' | 'rejectLimitAbove'>;

/** Applies the defaults. */
export function resolveQuirks(quirks: QuirkChanges = {}): ResolvedQuirks {
  return {
    ...(quirks.maxPageSize === undefined ? {} : { maxPageSize: quirks.maxPageSize }),
    ...(quirks.rejectLimitAbove === undefined ? {} : { rejectLimitAbove: quirks.rejectLimitAbove }),
    totalCount: quirks.totalCount ?? 'exact',
    link: quirks.link ?? 'standard',
    booleans: quirks.booleans ?? 'string',
    nullOptionalFields: quirks.nullOptionalFields ?? false,
    usersAsV1p2: quirks.usersAsV1p2 ?? false,
    errorShape: quirks.errorShape ?? 'imsx',
    schoolEnvelope: quirks.schoolEnvelope ?? false,
    bareArray: quirks.bareArray ?? false,
    hideTombstones: quirks.hideTombstones ?? false,
    driftInsertsPerPage: quirks.driftInsertsPerPage ?? 0,
    permRevHeader: quirks.permRevHeader ?? false,
    rejectUnknownFields: quirks.rejectUnknownFields ?? false,
    noNestedEndpoints: quirks.noNestedEndpoints ?? false,
    singularEnvelopes: quirks.singularEnvelopes ?? false,
    unstableTieOrder: quirks.unstableTieOrder ?? false,
    rekeySourcedIds: quirks.rekeySourcedIds ?? false,
    rekeyLink: quirks.rekeyLink ?? 'metadata',
  };
}
