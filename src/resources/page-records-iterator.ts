/**
 * The records of a pull, one at a time, from its pages. Hand-written instead of an async generator
 * (`for (const page of pages) yield* page.items`): a generator runs its own machinery and a
 * promise chain per record, this returns the next buffered record in one resolved promise; the
 * pull's per-record overhead (millions of records) is measured in bench/.
 *
 * Calls made while a page is being fetched wait in order behind it, so concurrent `next()` calls
 * get consecutive records, as a generator's would. `return()` (a `break` in `for await`) closes the
 * page iterator, which aborts the requests still in flight.
 */
export function pageRecordsIterator<T>(
  pages: AsyncIterator<{ items: readonly T[] }>,
): AsyncIterableIterator<T> {
  let items: readonly T[] = [];
  let index = 0;
  let done = false;
  /** Set while a page is awaited; later calls chain onto it. */
  let pending: Promise<unknown> | undefined;

  const finished = (): IteratorResult<T> => ({ done: true, value: undefined });

  async function fill(): Promise<IteratorResult<T>> {
    while (index >= items.length) {
      if (done) return finished();
      const page = await pages.next();
      if (page.done) {
        done = true;
        return finished();
      }
      items = page.value.items;
      index = 0;
    }
    return { done: false, value: items[index++]! };
  }

  const iterator: AsyncIterableIterator<T> = {
    next() {
      if (pending === undefined && index < items.length) {
        return Promise.resolve({ done: false, value: items[index++]! });
      }
      const result = pending === undefined ? fill() : pending.then(fill);
      const release = (): void => {
        if (pending === settled) pending = undefined;
      };
      const settled: Promise<void> = result.then(release, release);
      pending = settled;
      return result;
    },
    async return(value?: unknown) {
      done = true;
      items = [];
      index = 0;
      await pages.return?.();
      return { done: true, value };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
