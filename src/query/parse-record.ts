import * as z from 'zod/mini';
import { isObject } from '../base/is-object.js';
import type { ValidationIssue } from '../errors/response-validation-error.js';
import { normalizeRecord, type ValidationMode } from '../models/normalize/normalize-record.js';
import { findTooDeepField, TOO_DEEP_ISSUE_CODE } from '../models/record-depth.js';
import type { EntityName } from '../models/shared/entity-name.js';
import { findUnknownEnums, type UnknownEnumValue } from '../models/unknown-enums.js';
import { ENTITY_FIELD_KINDS, ENTITY_SCHEMAS } from '../models/v1p1/entities.js';
import { checkFieldSelection, type EntityProjection, type FieldSelection } from './fields.js';

/** Options of {@link parseRecord}. */
export interface ParseRecordOptions<F> {
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
 * The outcome for one record: the normalised record and its unknown enum values, or the validation
 * issues (paths and zod codes, never values) and the sourcedId when the record had a readable one.
 */
export type ParsedRecord<T> =
  | { ok: true; record: T; unknownEnums: readonly UnknownEnumValue[] }
  | { ok: false; sourcedId?: string; issues: ValidationIssue[] };

/** A record schema: every entity schema, full or projected, outputs an object. */
type RecordSchema = z.ZodMiniType<Record<string, unknown>>;

interface EntitySchemaCache {
  full?: RecordSchema;
  /** By the identity of the caller's `fields` array: one lookup per record in the common case. */
  byArray: WeakMap<readonly string[], RecordSchema>;
  /** By the joined names, for callers that build a new array for each record. */
  byKey: Map<string, RecordSchema>;
}

const caches: Partial<Record<EntityName, EntitySchemaCache>> = {};

function cacheFor(entity: EntityName): EntitySchemaCache {
  let cache = caches[entity];
  if (cache === undefined) {
    cache = { byArray: new WeakMap(), byKey: new Map() };
    caches[entity] = cache;
  }
  return cache;
}

/**
 * The schema a record is validated with, built once per entity and projection: schemas are never
 * constructed per record. The full schema keeps unknown properties (extensions are preserved); a
 * projected one keeps only the projected fields.
 */
function schemaFor(entity: EntityName, fields: readonly string[] | 'minimal' | undefined): RecordSchema {
  const cache = cacheFor(entity);
  if (fields === undefined) {
    cache.full ??= z.looseObject(ENTITY_SCHEMAS[entity].shape);
    return cache.full;
  }
  const list = typeof fields === 'string' ? checkFieldSelection(entity, fields) : fields;
  let schema = cache.byArray.get(list);
  if (schema !== undefined) return schema;
  const key = list.join(',');
  schema = cache.byKey.get(key);
  if (schema === undefined) {
    const shape: Record<string, z.core.$ZodType> = ENTITY_SCHEMAS[entity].shape;
    const picked: Record<string, z.core.$ZodType> = {};
    for (const name of checkFieldSelection(entity, list)) {
      const field = shape[name];
      if (field !== undefined) picked[name] = field;
    }
    schema = z.object(picked);
    cache.byKey.set(key, schema);
  }
  cache.byArray.set(list, schema);
  return schema;
}

function toIssues(error: z.core.$ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), code: issue.code }));
}

/** A failed outcome, naming the record by its sourcedId when it has a readable one. */
function invalid(
  raw: Record<string, unknown>,
  issues: ValidationIssue[],
): { ok: false; sourcedId?: string; issues: ValidationIssue[] } {
  const sourcedId = raw['sourcedId'];
  return typeof sourcedId === 'string' && sourcedId !== ''
    ? { ok: false, sourcedId, issues }
    : { ok: false, issues };
}

/**
 * Normalises and validates one raw record from a provider. Runs once per record of a pull (millions),
 * so schemas are cached per entity and projection and a clean record costs one copy and one zod pass.
 *
 * The caller decides what a failure means: lenient pulls quarantine the record (`RecordQuarantinedEvent`),
 * strict pulls throw `ResponseValidationError`. Unknown enum values are reported in both modes. A
 * record nested deeper than `MAX_RECORD_DEPTH` levels fails with the issue code `TOO_DEEP_ISSUE_CODE`
 * on the field that holds the nesting.
 *
 * @throws InvalidFieldsError when `fields` is not a valid selection (checked once per selection)
 * @example
 * const parsed = parseRecord('user', raw, { fields: ['sourcedId', 'givenName'] });
 * if (parsed.ok) parsed.record.givenName;
 */
export function parseRecord<E extends EntityName, const F extends FieldSelection<E> | undefined = undefined>(
  entity: E,
  raw: unknown,
  options: ParseRecordOptions<F> = {},
): ParsedRecord<EntityProjection<E, F>> {
  if (!isObject(raw)) return { ok: false, issues: [{ path: '', code: 'invalid_type' }] };
  // A hostile record nested thousands of levels deep would overflow the stack of every later walk
  // (canonical JSON, a store's serialiser), failing the whole pull rather than this record.
  const tooDeep = findTooDeepField(raw);
  if (tooDeep !== undefined) return invalid(raw, [{ path: tooDeep, code: TOO_DEEP_ISSUE_CODE }]);
  const kinds = ENTITY_FIELD_KINDS[entity];
  const result = schemaFor(entity, options.fields).safeParse(
    normalizeRecord(raw, kinds, options.validation ?? 'lenient'),
  );
  if (!result.success) return invalid(raw, toIssues(result.error));
  return {
    ok: true,
    // The one cast: the cache holds schemas of every entity and projection under one type; this one
    // was built from ENTITY_SCHEMAS[entity] picked by `fields`, so its output is EntityProjection<E, F>.
    record: result.data as EntityProjection<E, F>,
    unknownEnums: findUnknownEnums(result.data, kinds),
  };
}
