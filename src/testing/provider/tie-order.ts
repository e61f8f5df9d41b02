/**
 * The order of ties under the `unstableTieOrder` quirk. A database that sorts only on the requested
 * column returns equal rows in whatever order its plan meets them, which changes between requests
 * (seen on Ed-Fi's PostgreSQL views). Here the order is a hash of the sourcedId and the request
 * number: different on each request, the same for the same request, so a test repeats.
 */
import { hashText, mix32 } from '../district/prng.js';

/** Rank of a record among its ties on request `requestNumber`. */
export function tieRank(sourcedId: string, requestNumber: number): number {
  return mix32(hashText(sourcedId) ^ Math.imul(requestNumber + 1, 0x9e3779b1));
}
