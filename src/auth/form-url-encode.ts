import { percentEncode } from '../base/percent-encode.js';

/**
 * `application/x-www-form-urlencoded` encoding (HTML 4.01 17.13.4), which RFC 6749 2.3.1 and 4.4.2
 * require for the token request body and for the client id and secret inside HTTP Basic: RFC 3986
 * escapes, with a space written as `+`.
 */
export function formUrlEncode(text: string): string {
  return percentEncode(text).replace(/%20/g, '+');
}

/** Serialises name/value pairs as a form body, in the order given. */
export function formUrlEncodePairs(pairs: readonly (readonly [string, string])[]): string {
  return pairs.map(([name, value]) => `${formUrlEncode(name)}=${formUrlEncode(value)}`).join('&');
}
