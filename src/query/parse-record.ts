import * as z from 'zod/mini';
import { isObject } from '../base/is-object.js';
import type { ValidationIssue } from '../errors/response-validation-error.js';
import { compileFastParse, type FastParse, NOT_FAST } from '../models/fast-parse/compile-fast-parse.js';
import { normalizeRecord, type ValidationMode } from '../models/normalize/normalize-record.js';
import { findTooDeepField, TOO_DEEP_ISSUE_CODE } from '../models/record-depth.js';
import { findRefTypeMismatches, type RefTypeMismatch } from '../models/ref-targets.js';
import type { EntityName } from '../models/shared/entity-name.js';
import { findUnknownEnums, type UnknownEnumValue } from '../models/unknown-enums.js';
import { DEFAULT_ONEROSTER_VERSION, type OneRosterVersion, VERSION_MODELS } from '../models/versions.js';
import { checkFieldSelection, type FieldSelection } from './fields.js';
import type { EntityProjection } from './projection.js';

/** Options of {@link parseRecord}. */
export interface ParseRecordOptions<F, V extends OneRosterVersion = '1.1'> {
  /**
   * The OneRoster version the record was served in: its schema validates the record (a 1.2 user
   * has `roles`, a 1.1 user `role` and `orgs`).
   * @default '1.1'
   */
  version?: V;
  /**
   * See {@link ValidationMode}. Both modes normalise; which deviations are repaired differs.
   * @default 'lenient'
   */
  validation?: ValidationMode;
  /**
   * The projection the records were requested with (`'minimal'` or a list of names). Only these fields
   * are required, and only these are kept: a 1.1 provider that ignores `fields` and returns everything
   * does not get passwords or phone numbers into the caller's hands.
   */
  fields?: F;
}

/**
 * The outcome for one record: the normalised record, its unknown enum values and (when there are
 * any) its GUIDRefs whose type contradicts their field; or the validation issues (paths and zod
 * codes, never values), the sourcedId when the record had a readable one, and a `hint` when the
 * failure has a known cause (a 1.2-shaped user read as 1.1).
 */
export type ParsedRecord<T> =
  | {
      ok: true;
      record: T;
      unknownEnums: readonly UnknownEnumValue[];
      refTypeMismatches?: readonly RefTypeMismatch[];
    }
  | { ok: false; sourcedId?: string; issues: ValidationIssue[]; hint?: string };

/** A record schema: every entity schema, full or projected, outputs an object. */
type RecordSchema = z.ZodMiniType<Record<string, unknown>>;

interface EntitySchemaCache {
  full?: RecordSchema;
  /** By the identity of the caller's `fields` array: one lookup per record in the common case. */
  byArray: WeakMap<readonly string[], RecordSchema>;
  /** By the joined names, for callers that build a new array for each record. */
  byKey: Map<string, RecordSchema>;
}

const caches: { [V in OneRosterVersion]: Partial<Record<EntityName, EntitySchemaCache>> } = {
  '1.1': {},
  '1.2': {},
};

function cacheFor(version: OneRosterVersion, entity: EntityName): EntitySchemaCache {
  let cache = caches[version][entity];
  if (cache === undefined) {
    cache = { byArray: new WeakMap(), byKey: new Map() };
    caches[version][entity] = cache;
  }
  return cache;
}

/**
 * The schema a record is validated with, built once per version, entity and projection: schemas are
 * never constructed per record. The full schema keeps unknown properties (extensions are preserved);
 * a projected one keeps only the projected fields.
 */
function schemaFor(
  version: OneRosterVersion,
  entity: EntityName,
  fields: readonly string[] | 'minimal' | undefined,
): RecordSchema {
  const cache = cacheFor(version, entity);
  const shape: Record<string, z.core.$ZodType> = VERSION_MODELS[version].schemas[entity].shape;
  if (fields === undefined) {
    cache.full ??= z.looseObject(shape);
    return cache.full;
  }
  const list = typeof fields === 'string' ? checkFieldSelection(entity, fields, version) : fields;
  let schema = cache.byArray.get(list);
  if (schema !== undefined) return schema;
  const key = list.join(',');
  schema = cache.byKey.get(key);
  if (schema === undefined) {
    const picked: Record<string, z.core.$ZodType> = {};
    for (const name of checkFieldSelection(entity, list, version)) {
      const field = shape[name];
      if (field !== undefined) picked[name] = field;
    }
    schema = z.object(picked);
    cache.byKey.set(key, schema);
  }
  cache.byArray.set(list, schema);
  return schema;
}

/** Each cached schema's fast parse, compiled on first use; `null` when its records always go to zod. */
const fastParses = new WeakMap<RecordSchema, FastParse | null>();

function fastParseOf(schema: RecordSchema): FastParse | null {
  let fast = fastParses.get(schema);
  if (fast === undefined) {
    fast = compileFastParse(schema) ?? null;
    fastParses.set(schema, fast);
  }
  return fast;
}

/**
 * The schema's output for a normalised record, or its issues: the fast parse answers for the common
 * valid record without allocating zod's result per field; anything else (every failing record
 * among them) goes to zod, whose output and issues are the reference the fast parse is tested against.
 */
function validate(
  schema: RecordSchema,
  normalized: Record<string, unknown>,
): { data: Record<string, unknown> } | { error: z.core.$ZodError } {
  const fast = fastParseOf(schema)?.(normalized) ?? NOT_FAST;
  if (fast !== NOT_FAST && isObject(fast)) return { data: fast };
  const result = schema.safeParse(normalized);
  return result.success ? { data: result.data } : { error: result.error };
}

function toIssues(error: z.core.$ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), code: issue.code }));
}

type Invalid = { ok: false; sourcedId?: string; issues: ValidationIssue[]; hint?: string };

/** A failed outcome, naming the record by its sourcedId when it has a readable one. */
function invalid(raw: Record<string, unknown>, issues: ValidationIssue[], hint?: string): Invalid {
  const sourcedId = raw['sourcedId'];
  const outcome: Invalid =
    typeof sourcedId === 'string' && sourcedId !== ''
      ? { ok: false, sourcedId, issues }
      : { ok: false, issues };
  if (hint !== undefined) outcome.hint = hint;
  return outcome;
}

/**
 * Why a user failed in 1.1 mode when it is 1.2-shaped (`roles[]` and no `role`): lenient mode derives
 * `role` and `orgs` from such users; strict mode does not, and every user of a 1.2 server fails.
 */
function versionHint(
  entity: EntityName,
  raw: Record<string, unknown>,
  version: OneRosterVersion,
): string | undefined {
  if (version !== '1.1' || entity !== 'user') return undefined;
  if (!Array.isArray(raw['roles']) || (raw['role'] !== undefined && raw['role'] !== null)) return undefined;
  return "the provider answers with OneRoster 1.2 shapes (roles[] instead of role and orgs): create the client with version: '1.2' (and its 1.2 base URL)";
}

/**
 * Normalises and validates one raw record from a provider, against the model of its OneRoster
 * version. Runs once per record of a pull (millions), so schemas are cached per version, entity and
 * projection and a clean record costs one copy and one zod pass.
 *
 * The caller decides what a failure means: lenient pulls quarantine the record (`RecordQuarantinedEvent`),
 * strict pulls throw `ResponseValidationError`. Unknown enum values are reported in both modes. A
 * record nested deeper than `MAX_RECORD_DEPTH` levels fails with the issue code `TOO_DEEP_ISSUE_CODE`
 * on the field that holds the nesting.
 *
 * @throws InvalidFieldsError when `fields` is not a valid selection for the version (checked once per selection)
 * @example
 * const parsed = parseRecord('user', raw, { fields: ['sourcedId', 'givenName'] });
 * if (parsed.ok) parsed.record.givenName;
 * @example
 * const parsed = parseRecord('user', raw, { version: '1.2', validation: 'strict' });
 * if (parsed.ok) parsed.record.roles; // UserRoleAssignment[]
 */
export function parseRecord<
  E extends EntityName,
  const F extends FieldSelection<E, V> | undefined = undefined,
  const V extends OneRosterVersion = '1.1',
>(entity: E, raw: unknown, options: ParseRecordOptions<F, V> = {}): ParsedRecord<EntityProjection<E, F, V>> {
  if (!isObject(raw)) return { ok: false, issues: [{ path: '', code: 'invalid_type' }] };
  // A hostile record nested thousands of levels deep would overflow the stack of every later walk
  // (canonical JSON, a store's serialiser), failing the whole pull rather than this record.
  const tooDeep = findTooDeepField(raw);
  if (tooDeep !== undefined) return invalid(raw, [{ path: tooDeep, code: TOO_DEEP_ISSUE_CODE }]);
  const version = options.version ?? DEFAULT_ONEROSTER_VERSION;
  const model = VERSION_MODELS[version];
  const kinds = model.kinds[entity];
  const normalized = normalizeRecord(raw, kinds, options.validation ?? 'lenient');
  const result = validate(schemaFor(version, entity, options.fields), normalized);
  if ('error' in result) return invalid(raw, toIssues(result.error), versionHint(entity, raw, version));
  const mismatches = findRefTypeMismatches(result.data, kinds, model.refTypes);
  return {
    ok: true,
    // The one cast: the cache holds schemas of every version, entity and projection under one type;
    // this one was built from VERSION_MODELS[version].schemas[entity] picked by `fields`, so its
    // output is EntityProjection<E, F, V>.
    record: result.data as EntityProjection<E, F, V>,
    unknownEnums: findUnknownEnums(result.data, kinds, model.refTypes),
    ...(mismatches.length > 0 ? { refTypeMismatches: mismatches } : {}),
  };
}
