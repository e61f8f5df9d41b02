import { ProtocolError } from '../errors/protocol-error.js';
import type { PageSource } from './fetch-page.js';

/**
 * The error of a pull that would never end (a provider that ignores `offset`, serves the same page,
 * or never sends an empty one): every paging-loop guard throws this one.
 */
export function pagingLoopError(
  source: Pick<PageSource, 'path' | 'collection'>,
  what: string,
): ProtocolError {
  return new ProtocolError({
    reason: 'paging-loop',
    method: 'GET',
    url: `/${source.path.join('/')}`,
    collection: source.collection,
    message: `Paging ${source.collection} ${what}`,
  });
}
