/**
 * The brand of this package's errors, a registered symbol: every copy of the package (the ESM and
 * CJS builds, two versions in one app) reads the same key. Its value is the error's kind chain.
 */
export const ERROR_KINDS: unique symbol = Symbol.for('oneroster.error');

/** An error class as {@link createErrorGuard} sees it: the kind it declares, and its instances' type. */
export interface ErrorClass<T extends Error> {
  /** The class's own kind, e.g. `'NetworkError'`. */
  readonly kind: string;
  readonly prototype: T;
}

/**
 * True when `error` carries this package's brand and `kind` is in its kind chain (its class's kind or
 * an ancestor's). Reads no `constructor.name`, which minifiers rename, and no `instanceof`, which
 * fails across copies of the package.
 */
export function isErrorKind(error: unknown, kind: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const kinds: unknown = Reflect.get(error, ERROR_KINDS);
  return Array.isArray(kinds) && kinds.includes(kind);
}

/**
 * The type guard of an error class: true for its errors and its subclasses' errors, also when another
 * copy of this package threw them (as ky's guards do). Each error file declares its guard with it.
 * @example
 * export const isNetworkError = createErrorGuard(NetworkError);
 */
/* @__NO_SIDE_EFFECTS__ */
export function createErrorGuard<T extends Error>(errorClass: ErrorClass<T>): (error: unknown) => error is T {
  const { kind } = errorClass;
  return (error: unknown): error is T => isErrorKind(error, kind);
}
