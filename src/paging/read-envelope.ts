import { isObject } from '../base/is-object.js';
import { ProtocolError } from '../errors/protocol-error.js';
import { isFailure, parseStatusInfo, type StatusInfo } from '../errors/status-info.js';
import type { ReadContext } from '../transport/request-executor.js';

/** Where a response's data lives, for one collection. */
export interface EnvelopeKeys {
  /** Key of a list response, e.g. `users`. */
  list: string;
  /** Key of a single read, e.g. `user`. */
  single: string;
  /** Other keys providers use for a single read, e.g. `school` for `/orgs/{id}`. */
  singleAliases?: readonly string[];
}

/** The body's status info, scrubbed of what the request sent: providers echo tokens and filter values. */
function readStatus(body: unknown, context: ReadContext): StatusInfo | undefined {
  return parseStatusInfo(body, context.sent);
}

function errorEnvelope(statusInfo: StatusInfo, expected: string, context: ReadContext): ProtocolError {
  return new ProtocolError({
    reason: 'error-envelope',
    statusInfo,
    message: `The provider answered 2xx with an error envelope instead of \`${expected}\``,
    ...context,
  });
}

/**
 * A body that reports a failure is an error whatever else it holds: `{"users": [], "statusInfoSet":
 * [{"imsx_codeMajor": "failure"}]}` read as data would end the collection early, and a full sync
 * would then retire every record after it. Warnings beside data (an unknown field ignored) are data.
 */
function assertNoFailure(body: unknown, expected: string, context: ReadContext): void {
  if (!isObject(body)) return;
  const statusInfo = readStatus(body, context);
  if (statusInfo !== undefined && isFailure(statusInfo)) throw errorEnvelope(statusInfo, expected, context);
}

/** A 2xx body without the data: an imsx failure sent with 200, or something unrecognisable. */
function missingData(body: unknown, expected: string, context: ReadContext): ProtocolError {
  const statusInfo = readStatus(body, context);
  if (statusInfo !== undefined && isFailure(statusInfo)) return errorEnvelope(statusInfo, expected, context);
  return new ProtocolError({
    reason: 'missing-collection',
    ...(statusInfo ? { statusInfo } : {}),
    message: `The response has no \`${expected}\` collection`,
    ...context,
  });
}

/**
 * The records of a list response: `{ users: [...] }` per the spec, or a bare array. A body without
 * the collection key (an error envelope sent with 200, say) is a ProtocolError, never an empty list.
 */
export function readListEnvelope(body: unknown, keys: EnvelopeKeys, context: ReadContext): unknown[] {
  if (Array.isArray(body)) return body;
  assertNoFailure(body, keys.list, context);
  if (isObject(body)) {
    const list = body[keys.list];
    if (Array.isArray(list)) return list;
    // Some providers key a list by the singular name (`{"org": [...]}`).
    const singular = body[keys.single];
    if (Array.isArray(singular)) return singular;
  }
  throw missingData(body, keys.list, context);
}

/**
 * The record of a single read: `{ user: {...} }` per the spec, an alias such as `{ school: {...} }`
 * for an org or `{ demographic: {...} }`, the collection key holding the record or a one-element
 * list (`{ users: {...} }`, `{ users: [{...}] }`), or a bare record.
 */
export function readSingleEnvelope(body: unknown, keys: EnvelopeKeys, context: ReadContext): unknown {
  assertNoFailure(body, keys.single, context);
  if (isObject(body)) {
    for (const key of [keys.single, ...(keys.singleAliases ?? []), keys.list]) {
      if (isObject(body[key])) return body[key];
    }
    const list = body[keys.list];
    if (Array.isArray(list) && list.length === 1) return list[0];
    if (typeof body['sourcedId'] === 'string') return body;
  }
  throw missingData(body, keys.single, context);
}
