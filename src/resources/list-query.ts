import type { EntityName } from '../models/shared/entity-name.js';
import type { OneRosterVersion } from '../models/versions.js';
import type { FieldName, FieldSelection } from '../query/fields.js';
import type { Filter } from '../query/filter.js';
import type { CallOptions } from '../transport/call-options.js';

/**
 * Options of a collection read (`list`, `pages` and the nested collections). `timeoutMs`, `retry` and
 * `headers` apply to each of its page requests.
 */
export interface ListQuery<
  E extends EntityName,
  F extends FieldSelection<E, V> | undefined = undefined,
  V extends OneRosterVersion = '1.1',
> extends CallOptions {
  /**
   * A filter built with `filter.*` (checked and quoted for you) or a raw filter string sent as it is.
   * @example filter.gt('dateLastModified', new Date('2026-09-01'))
   */
  filter?: Filter | string;
  /**
   * The fields to ask for: a list of field names (narrows the item type), or `'minimal'`, the privacy
   * preset. Every field when absent.
   */
  fields?: F;
  /**
   * Sort field. The client asks for `sourcedId` when none is given (see `stableSort`), so offset
   * paging is stable where the provider supports sorting. Many providers order ties of another field
   * differently on each request: a read that sees it reads on in `sourcedId` order, so every record
   * still arrives once (see `PullSummary.unstableSort` and docs/paging.md).
   */
  sort?: FieldName<E, V>;
  /** @default 'asc' when `sort` is given */
  orderBy?: 'asc' | 'desc';
  /** Records asked for per page, overriding the client's `pageSize`. */
  pageSize?: number;
  /**
   * Aborts this read: the iteration fails with an `AbortError` (the signal's reason as `cause`).
   * Breaking out of `for await` ends it without an error.
   */
  signal?: AbortSignal;
}

/** Options of a single read (`get`). */
export interface GetOptions<
  E extends EntityName,
  F extends FieldSelection<E, V> | undefined = undefined,
  V extends OneRosterVersion = '1.1',
> extends CallOptions {
  fields?: F;
  /** Aborts this read with an `AbortError`. */
  signal?: AbortSignal;
}
