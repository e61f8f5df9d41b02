// The classes alone, not zod/mini's `core` namespace: a namespace member read keeps every locale
// and the JSON-schema generator in a client-only bundle.
import {
  $ZodArray,
  $ZodBoolean,
  $ZodCheckMinLength,
  $ZodEnum,
  $ZodObject,
  $ZodOptional,
  $ZodRecord,
  $ZodString,
  $ZodStringFormat,
  type $ZodType,
  $ZodUnknown,
} from 'zod/v4/core';

/**
 * What a fast parse answers when a value is not in the common valid shape it knows: the caller then
 * asks zod, which decides and, for a record that fails, writes the issues. The fast parse never
 * rejects anything itself, so zod stays the one source of truth for what is valid and why not.
 */
export const NOT_FAST: unique symbol = Symbol('oneroster.not-fast');

/** The zod output for a value the fast parse can vouch for, or {@link NOT_FAST}. */
export type FastParse = (value: unknown) => unknown;

/**
 * Compiles a zod schema into a parse for the common valid case: plain checks and copies, no result
 * object per field, no issue list. It mirrors exactly what zod outputs for the constructs the models
 * use (objects that strip or keep unknown keys, optional fields, strings with a minimum length or an
 * ISO date or datetime format, enums, booleans, arrays, `record(string, unknown)`, `unknown`), and
 * answers {@link NOT_FAST} for anything it is not certain of (a failing value, an own `__proto__`, a
 * string whose length needs code points counted). A schema with any other construct compiles to
 * undefined: its records always go through zod. test/models/fast-parse.test.ts compares the two.
 */
export function compileFastParse(schema: $ZodType): FastParse | undefined {
  if (schema instanceof $ZodObject) return compileObject(schema);
  if (schema instanceof $ZodOptional) {
    const inner = compileFastParse(schema._zod.def.innerType);
    if (inner === undefined) return undefined;
    return (value) => (value === undefined ? undefined : inner(value));
  }
  if (schema instanceof $ZodString) return compileString(schema);
  if (schema instanceof $ZodBoolean) {
    if (schema._zod.def.coerce || hasChecks(schema)) return undefined;
    return (value) => (typeof value === 'boolean' ? value : NOT_FAST);
  }
  if (schema instanceof $ZodEnum) {
    const values = schema._zod.values;
    if (hasChecks(schema)) return undefined;
    return (value) => (typeof value === 'string' && values.has(value) ? value : NOT_FAST);
  }
  if (schema instanceof $ZodUnknown) {
    if (hasChecks(schema)) return undefined;
    return (value) => value;
  }
  if (schema instanceof $ZodArray) return compileArray(schema);
  if (schema instanceof $ZodRecord) return compileRecord(schema);
  return undefined;
}

function hasChecks(schema: $ZodType): boolean {
  const checks = schema._zod.def.checks;
  return checks !== undefined && checks.length > 0;
}

/** True for an object JSON.parse could have made (zod's `isObject`: not null, not an array). */
function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One check of a string: passes, fails, or needs zod to tell. */
type StringTest = (value: string) => boolean | typeof NOT_FAST;

const PATTERN_FORMATS: ReadonlySet<string> = new Set(['date', 'datetime']);

function compileString(schema: $ZodString): FastParse | undefined {
  const def = schema._zod.def;
  if (def.coerce) return undefined;
  const tests: StringTest[] = [];
  if (schema instanceof $ZodStringFormat) {
    // Date and datetime are a pattern and nothing else; other formats run more than a pattern.
    const formatDef = schema._zod.def;
    const pattern = formatDef.pattern;
    if (!PATTERN_FORMATS.has(formatDef.format) || pattern === undefined) return undefined;
    tests.push((value) => {
      pattern.lastIndex = 0;
      return pattern.test(value);
    });
  }
  for (const check of def.checks ?? []) {
    if (!(check instanceof $ZodCheckMinLength)) return undefined;
    const minimum = check._zod.def.minimum;
    // zod counts code points only between the minimum and twice it in UTF-16 units.
    tests.push((value) => (value.length >= minimum * 2 ? true : value.length < minimum ? false : NOT_FAST));
  }
  const [only] = tests;
  // Most strings have no check or one: no loop for them (this runs for every field of every record).
  if (only === undefined) return (value) => (typeof value === 'string' ? value : NOT_FAST);
  if (tests.length === 1) {
    return (value) => (typeof value === 'string' && only(value) === true ? value : NOT_FAST);
  }
  return (value) => {
    if (typeof value !== 'string') return NOT_FAST;
    for (const test of tests) if (test(value) !== true) return NOT_FAST;
    return value;
  };
}

function compileArray(schema: $ZodArray): FastParse | undefined {
  // A minimum length is the one check the models put on a list (a 1.2 user's `roles`).
  let minimum = 0;
  for (const check of schema._zod.def.checks ?? []) {
    if (!(check instanceof $ZodCheckMinLength)) return undefined;
    minimum = Math.max(minimum, check._zod.def.minimum);
  }
  const element = compileFastParse(schema._zod.def.element);
  if (element === undefined) return undefined;
  return (value) => {
    if (!Array.isArray(value) || value.length < minimum) return NOT_FAST;
    const output: unknown[] = new Array(value.length);
    for (let index = 0; index < value.length; index++) {
      const item = element(value[index]);
      if (item === NOT_FAST) return NOT_FAST;
      output[index] = item;
    }
    return output;
  };
}

/** `record(string, unknown)` (a record's `metadata`): a copy of a plain object's own keys. */
function compileRecord(schema: $ZodRecord): FastParse | undefined {
  const { keyType, valueType, mode, partial } = schema._zod.def;
  const plainKeys = keyType instanceof $ZodString && !hasChecks(keyType) && !keyType._zod.def.coerce;
  const anyValue = valueType instanceof $ZodUnknown && !hasChecks(valueType);
  if (!plainKeys || !anyValue || mode === 'loose' || partial || hasChecks(schema)) return undefined;
  return (value) => {
    // zod's isPlainObject reads `constructor`; JSON.parse's objects have Object.prototype.
    if (!isJsonObject(value) || Object.getPrototypeOf(value) !== Object.prototype) return NOT_FAST;
    if (Object.hasOwn(value, '__proto__') || Object.hasOwn(value, 'constructor')) return NOT_FAST;
    return { ...value };
  };
}

interface CompiledField {
  readonly key: string;
  readonly parse: FastParse;
  readonly optional: boolean;
}

function compileObject(schema: $ZodObject): FastParse | undefined {
  const def = schema._zod.def;
  if (hasChecks(schema)) return undefined;
  const catchall = def.catchall;
  // z.object strips unknown keys; z.looseObject keeps them (an `unknown` catchall).
  if (catchall !== undefined && !(catchall instanceof $ZodUnknown && !hasChecks(catchall))) return undefined;
  const keepsUnknown = catchall !== undefined;
  const fields: CompiledField[] = [];
  const known = new Set<string>();
  for (const key of Object.keys(def.shape)) {
    const field = def.shape[key];
    if (field === undefined || key === '__proto__') return undefined;
    const parse = compileFastParse(field);
    if (parse === undefined) return undefined;
    fields.push({ key, parse, optional: field instanceof $ZodOptional });
    known.add(key);
  }
  return (value) => {
    if (!isJsonObject(value)) return NOT_FAST;
    // The output is built in zod's order: the shape's keys first, then the kept unknown ones.
    const output: Record<string, unknown> = {};
    for (const { key, parse, optional } of fields) {
      const item = value[key];
      if (item === undefined) {
        if (!optional) return NOT_FAST;
        if (key in value) output[key] = undefined;
        continue;
      }
      const parsed = parse(item);
      if (parsed === NOT_FAST) return NOT_FAST;
      output[key] = parsed;
    }
    if (Object.hasOwn(value, '__proto__')) return NOT_FAST;
    if (keepsUnknown) {
      for (const key in value) {
        if (!known.has(key)) output[key] = value[key];
      }
    }
    return output;
  };
}
