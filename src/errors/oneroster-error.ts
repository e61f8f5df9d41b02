import { createErrorGuard, ERROR_KINDS } from './error-guard.js';

/** Each class's kind chain, computed once per class. */
const chains = new WeakMap<object, readonly string[]>();

/** The kinds declared along a class's prototype chain, the class's own first (`static kind`). */
function kindChain(errorClass: object): readonly string[] {
  const known = chains.get(errorClass);
  if (known !== undefined) return known;
  const kinds: string[] = [];
  for (let current: object | null = errorClass; current !== null; current = Object.getPrototypeOf(current)) {
    const kind: unknown = Object.hasOwn(current, 'kind') ? Reflect.get(current, 'kind') : undefined;
    if (typeof kind === 'string') kinds.push(kind);
  }
  const chain = Object.freeze(kinds);
  chains.set(errorClass, chain);
  return chain;
}

/**
 * The root of every error this SDK throws. Catch it to handle any OneRoster failure.
 *
 * Messages and properties never hold a client secret, a token, an OAuth signature or a record's
 * personal data, so an error can be logged or sent to an error tracker as it is.
 *
 * A subclass declares its kind (`static override readonly kind = 'NetworkError'`), which becomes its
 * errors' `name`; each error carries the kinds of its class and its ancestors under a registered
 * symbol, which the guards read, so they also work across copies of the package.
 */
export class OneRosterError extends Error {
  /** The kind this class adds to its errors' kind chain; every subclass declares its own. */
  static readonly kind: string = 'OneRosterError';

  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    const kinds = kindChain(new.target);
    this.name = kinds[0] ?? OneRosterError.kind;
    // Not enumerable: it stays out of logs and error trackers, as the old brand getter did.
    Object.defineProperty(this, ERROR_KINDS, { value: kinds });
  }
}

/** True for every error this SDK throws. */
export const isOneRosterError = createErrorGuard(OneRosterError);
