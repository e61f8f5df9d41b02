/** Validates the list parameters of a request: limit, offset, fields, filter, sort and orderBy. */

import type { CollectionName, RosterRecord } from '../district/records.js';
import { compileFilter } from './filter-eval.js';
import { parseFilter } from './filter-parser.js';
import { warningInfo } from './imsx.js';
import type { ListQuery } from './query-engine.js';
import { type QueryPairs, queryValue } from './query-params.js';
import type { ResolvedQuirks } from './quirks.js';
import type { VersionModel } from './version-model.js';

/** Spec default page size. */
export const DEFAULT_LIMIT = 100;

/** A request error: HTTP status and imsx codeMinor. */
export interface ParamError {
  readonly status: number;
  readonly codeMinor: string;
  readonly description: string;
}

/** The `fields` of a request: what to project, what was asked (for stats), warnings. */
export interface FieldSelection {
  /** Fields to send, or undefined for all. */
  readonly project?: readonly string[];
  /** Field names as requested, or `['*']` when the request had no `fields`. */
  readonly requested: readonly string[];
  readonly warnings: Record<string, unknown>[];
}

/**
 * Parses `fields` against the version's model (spec: blank is a 400; an unknown name a warning with
 * all data returned, or a 400 under the `rejectUnknownFields` quirk, as Ed-Fi answers).
 */
export function parseFields(
  pairs: QueryPairs,
  collection: CollectionName,
  model: VersionModel,
  quirks: ResolvedQuirks,
): FieldSelection | ParamError {
  const raw = queryValue(pairs, 'fields');
  if (raw === undefined) return { requested: ['*'], warnings: [] };
  const names = raw
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) {
    return { status: 400, codeMinor: 'invalid_blank_selection_field', description: 'fields is blank' };
  }
  const known = model.knownFields(collection);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0 && quirks.rejectUnknownFields) {
    return {
      status: 400,
      codeMinor: 'invalid_selection_field',
      description: `unknown fields: ${unknown.join(',')}`,
    };
  }
  if (unknown.length > 0) {
    const warning = warningInfo('invalid_selection_field', `unknown fields: ${unknown.join(',')}`);
    return { requested: names, warnings: [warning] };
  }
  return { project: names, requested: names, warnings: [] };
}

/** A non-negative integer parameter, or undefined when it is not one. */
function integerParam(text: string | undefined, fallback: number, minimum: number): number | undefined {
  if (text === undefined) return fallback;
  if (!/^\s*\d+\s*$/.test(text)) return undefined;
  const value = Number(text);
  return value >= minimum ? value : undefined;
}

/** A list query with the page size actually served and the warnings to send. */
export interface ParsedList {
  readonly query: ListQuery;
  /** `limit` as requested (links and the clamp are computed from the served size). */
  readonly requestedLimit: number;
  readonly warnings: Record<string, unknown>[];
}

/**
 * Parses and validates the list parameters against the version's model. `requestNumber` (the
 * provider's n-th data request) orders ties under the `unstableTieOrder` quirk.
 */
export function parseListParams(
  pairs: QueryPairs,
  collection: CollectionName,
  quirks: ResolvedQuirks,
  model: VersionModel,
  requestNumber: number,
): ParsedList | ParamError {
  const limit = integerParam(queryValue(pairs, 'limit'), DEFAULT_LIMIT, 1);
  const offset = integerParam(queryValue(pairs, 'offset'), 0, 0);
  if (limit === undefined || offset === undefined) {
    return {
      status: 400,
      codeMinor: 'invaliddata',
      description: 'limit must be an integer >= 1 and offset >= 0',
    };
  }
  if (quirks.rejectLimitAbove !== undefined && limit > quirks.rejectLimitAbove) {
    return { status: 413, codeMinor: 'invaliddata', description: `limit above ${quirks.rejectLimitAbove}` };
  }
  const warnings: Record<string, unknown>[] = [];
  const filterText = queryValue(pairs, 'filter');
  let filter: ListQuery['filter'];
  if (filterText !== undefined) {
    const parsed = parseFilter(filterText, model.version);
    const view = (record: RosterRecord): RosterRecord => model.view(record, collection);
    const compiled = parsed.ok ? compileFilter(parsed.filter, model.knownFields(collection), view) : parsed;
    if (!parsed.ok || !compiled.ok) {
      return {
        status: 400,
        codeMinor: 'invalid_filter_field',
        description: compiled.ok ? 'bad filter' : compiled.reason,
      };
    }
    filter = { expression: parsed.filter, text: filterText, predicate: compiled.predicate };
  }
  let sort = queryValue(pairs, 'sort');
  if (sort !== undefined && !model.knownFields(collection).includes(sort)) {
    warnings.push(warningInfo('invalid_sort_field', `cannot sort by ${sort}`));
    sort = undefined;
  }
  const served = quirks.maxPageSize === undefined ? limit : Math.min(limit, quirks.maxPageSize);
  return {
    query: {
      offset,
      limit: served,
      ...(sort === undefined ? {} : { sort }),
      descending: queryValue(pairs, 'orderBy')?.toLowerCase() === 'desc',
      ...(filter === undefined ? {} : { filter }),
      tombstones: !quirks.hideTombstones,
      view: (record) => model.view(record, collection),
      viewKey: model.key,
      ...(quirks.unstableTieOrder ? { tieSeed: requestNumber } : {}),
    },
    requestedLimit: limit,
    warnings,
  };
}

/** Whether a parse result is an error. */
export function isParamError<T extends object>(result: T | ParamError): result is ParamError {
  return 'codeMinor' in result && 'status' in result;
}
