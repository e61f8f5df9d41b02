/** Answers an authorised rostering GET: lists, single reads and nested lists, with envelopes and headers. */
import type { District } from '../district/district.js';
import type { CollectionName, RosterRecord } from '../district/records.js';
import { errorBody } from './imsx.js';
import { linkHeader } from './link-header.js';
import {
  type FieldSelection,
  isParamError,
  type ParamError,
  parseFields,
  parseListParams,
} from './list-params.js';
import type { MockResponse } from './mock-types.js';
import type { ListTarget, QueryEngine } from './query-engine.js';
import type { QueryPairs } from './query-params.js';
import type { ResolvedQuirks } from './quirks.js';
import { nestedRecords, refersTo } from './relations.js';
import type { Route } from './router.js';
import { serializeRecord } from './serialize.js';
import type { VersionModel } from './version-model.js';

/** What the data handler works with. */
export interface DataContext {
  readonly district: District;
  readonly engine: QueryEngine;
  readonly quirks: ResolvedQuirks;
  /** The served version's fields, shapes and ids. */
  readonly model: VersionModel;
  /** Origin for absolute Link URLs, e.g. `http://127.0.0.1:3000`. */
  readonly origin: string;
  /** Mints unique ids for drift inserts. */
  nextDriftId(): number;
}

/** A response plus what the stats record about it. */
export interface DataResult {
  readonly response: MockResponse;
  readonly collection?: CollectionName;
  readonly fields?: readonly string[];
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' } as const;

/** An imsx error response. */
export function errorResponse(
  quirks: ResolvedQuirks,
  error: ParamError,
  headers: Record<string, string> = {},
): MockResponse {
  return {
    status: error.status,
    headers: { ...JSON_HEADERS, ...headers },
    body: errorBody(quirks.errorShape, error.codeMinor, error.description),
  };
}

const notFound = (what: string): ParamError => ({
  status: 404,
  codeMinor: 'unknownobject',
  description: `${what} not found`,
});

/**
 * A visible record of the view, by the id the client sent, or undefined (unknown, hard-deleted,
 * another view's, a hidden tombstone, or the old id of a re-keyed record).
 */
function visibleRecord(
  context: DataContext,
  route: Extract<Route, { kind: 'single' | 'nested' }>,
  servedId: string,
) {
  const view = route.kind === 'single' ? route.view : route.parent;
  const id = context.model.storedId(view.collection, servedId);
  const record = id === undefined ? undefined : context.district.peek(view.collection, id);
  if (record === undefined || !view.matches(record)) return undefined;
  if (context.quirks.hideTombstones && record.status === 'tobedeleted') return undefined;
  return record;
}

/**
 * Inserts the drift quirk's records right after the first record of the view, before the client's
 * cursor. Only while the cursor is inside the collection: a page past the end inserts nothing, so a
 * pull that keeps advancing ends (a provider changing forever would page forever).
 */
function insertDrift(
  context: DataContext,
  target: Extract<ListTarget, { kind: 'view' }>,
  offset: number,
): void {
  const head = context.engine.list(target, { offset: 0, limit: 1, descending: false, tombstones: true });
  const first = head.records[0];
  if (first === undefined || offset >= head.total) return;
  for (let i = 0; i < context.quirks.driftInsertsPerPage; i++) {
    const defining: Partial<RosterRecord> = {};
    for (const field of ['role', 'type', 'orgs'] as const)
      if (first[field] !== undefined) defining[field] = first[field];
    const sourcedId = `${first.sourcedId}-drift-${String(context.nextDriftId()).padStart(6, '0')}`;
    context.district.mutate.insert(target.view.collection, { ...defining, sourcedId });
  }
}

/** Common response headers. */
function baseHeaders(context: DataContext): Record<string, string> {
  return context.quirks.permRevHeader
    ? { ...JSON_HEADERS, 'x-perm-rev': String(context.district.revision) }
    : { ...JSON_HEADERS };
}

/** Answers a single read. */
function single(
  context: DataContext,
  route: Extract<Route, { kind: 'single' }>,
  selection: FieldSelection,
): MockResponse {
  const record = visibleRecord(context, route, route.id);
  if (record === undefined)
    return errorResponse(context.quirks, notFound(`${route.view.singleKey} ${route.id}`));
  const { quirks } = context;
  let key = route.view.singleKey;
  if (quirks.schoolEnvelope && route.view.endpoint === 'orgs' && record['type'] === 'school') key = 'school';
  // Ed-Fi names the single read by the singular noun: `demographic` (spec: `demographics`).
  if (quirks.singularEnvelopes && key === 'demographics') key = 'demographic';
  const body: Record<string, unknown> = {
    [key]: serializeRecord(record, route.view.collection, selection.project, quirks, context.model),
  };
  if (selection.warnings.length > 0) body['statusInfoSet'] = selection.warnings;
  return { status: 200, headers: baseHeaders(context), body: JSON.stringify(body) };
}

/** The list behind a nested route, or undefined when its parent is not visible (a 404). */
function nestedTarget(
  context: DataContext,
  route: Extract<Route, { kind: 'nested' }>,
): ListTarget | undefined {
  const { district, quirks, model } = context;
  const parent = visibleRecord(context, route, route.parentId);
  if (parent === undefined) return undefined;
  if (route.schoolId !== undefined) {
    // /schools/{sid}/classes/{cid}/...: the class must belong to that (visible) school.
    const schoolId = model.storedId('orgs', route.schoolId);
    const school = schoolId === undefined ? undefined : district.peek('orgs', schoolId);
    if (school?.['type'] !== 'school' || (quirks.hideTombstones && school.status === 'tobedeleted'))
      return undefined;
    if (!refersTo(parent['school'], school.sourcedId)) return undefined;
  }
  const parentId = parent.sourcedId;
  return {
    kind: 'nested',
    path: `${route.key}|${parentId}|${route.child}`,
    collection: route.collection,
    load: () => nestedRecords(district, route.parent.endpoint, parentId, route.child) ?? [],
  };
}

/** `X-Total-Count` as the `totalCount` quirk writes it; undefined to leave it out. */
function reportedTotal(quirks: ResolvedQuirks, total: number): number | undefined {
  switch (quirks.totalCount) {
    case 'omit':
      return undefined;
    case 'negative':
      return -1 - total;
    case 'random':
      // Seen in the wild: a count unrelated to the data. Not seeded, on purpose: it must not be trusted.
      return Math.floor(Math.random() * 1_000_000);
    case 'exact':
      return total;
  }
}

/**
 * Answers any rostering route. `pairs` are the decoded query parameters; `path` the request path;
 * `requestNumber` the provider's n-th data request (the tie order of `unstableTieOrder`).
 */
export function handleData(
  context: DataContext,
  route: Route,
  pairs: QueryPairs,
  path: string,
  requestNumber: number,
): DataResult {
  const { quirks, model } = context;
  const collection = route.kind === 'nested' ? route.collection : route.view.collection;
  const selection = parseFields(pairs, collection, model, quirks);
  if (isParamError(selection))
    return { response: errorResponse(quirks, selection), collection, fields: [''] };
  const result = (response: MockResponse): DataResult => ({
    response,
    collection,
    fields: selection.requested,
  });
  if (route.kind === 'single') return result(single(context, route, selection));

  const parsed = parseListParams(pairs, collection, quirks, model, requestNumber);
  if (isParamError(parsed)) return result(errorResponse(quirks, parsed));
  let target: ListTarget;
  if (route.kind === 'list') {
    target = { kind: 'view', view: route.view };
    if (quirks.driftInsertsPerPage > 0 && parsed.query.offset > 0)
      insertDrift(context, target, parsed.query.offset);
  } else {
    const nested = nestedTarget(context, route);
    if (nested === undefined) {
      return result(errorResponse(quirks, notFound(`${route.parent.singleKey} ${route.parentId}`)));
    }
    target = nested;
  }
  const page = context.engine.list(target, parsed.query);
  const records = page.records.map((record) =>
    serializeRecord(record, collection, selection.project, quirks, model),
  );
  const warnings = [...selection.warnings, ...parsed.warnings];
  const listKey = route.kind === 'list' ? route.view.listKey : route.listKey;
  const envelope: Record<string, unknown> = { [listKey]: records };
  if (warnings.length > 0) envelope['statusInfoSet'] = warnings;
  const headers = baseHeaders(context);
  const total = reportedTotal(quirks, page.total);
  if (total !== undefined) headers['x-total-count'] = String(total);
  const link = linkHeader(
    {
      origin: context.origin,
      path,
      query: pairs.filter(([name]) => name !== 'limit' && name !== 'offset'),
      offset: parsed.query.offset,
      limit: parsed.query.limit,
      total: page.total,
    },
    quirks.link,
  );
  if (link !== undefined) headers['link'] = link;
  return result({ status: 200, headers, body: JSON.stringify(quirks.bareArray ? records : envelope) });
}
