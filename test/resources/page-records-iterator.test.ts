import { describe, expect, it } from 'vitest';
import { pageRecordsIterator } from '../../src/resources/page-records-iterator.js';

/** A page source that records how it was driven. */
function pagesOf(pages: number[][], failAt?: number) {
  const calls = { next: 0, returned: false };
  async function* generate() {
    try {
      for (const [index, items] of pages.entries()) {
        if (index === failAt) throw new Error('page failed');
        yield { items };
      }
    } finally {
      calls.returned = true;
    }
  }
  const source = generate();
  const counted: AsyncIterator<{ items: readonly number[] }> = {
    next: () => {
      calls.next++;
      return source.next();
    },
    return: () => source.return(undefined),
  };
  return { iterator: counted, calls };
}

async function drain(iterator: AsyncIterableIterator<number>): Promise<number[]> {
  const items: number[] = [];
  for await (const item of iterator) items.push(item);
  return items;
}

describe('pageRecordsIterator', () => {
  it('yields every record of every page in order, skipping empty pages', async () => {
    const { iterator, calls } = pagesOf([[1, 2], [], [3], [4, 5, 6]]);
    expect(await drain(pageRecordsIterator(iterator))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(calls.next).toBe(5);
  });

  it('gives concurrent next() calls consecutive records, as a generator would', async () => {
    const { iterator } = pagesOf([[1, 2], [3], [4, 5]]);
    const records = pageRecordsIterator(iterator);
    const results = await Promise.all(Array.from({ length: 7 }, () => records.next()));
    expect(results.map((result) => (result.done ? 'done' : result.value))).toEqual([
      1,
      2,
      3,
      4,
      5,
      'done',
      'done',
    ]);
  });

  it('closes the page source on break, and yields nothing after', async () => {
    const { iterator, calls } = pagesOf([
      [1, 2],
      [3, 4],
    ]);
    const records = pageRecordsIterator(iterator);
    for await (const item of records) {
      expect(item).toBe(1);
      break;
    }
    expect(calls.returned).toBe(true);
    expect(await records.next()).toEqual({ done: true, value: undefined });
  });

  it('passes a page failure to the consumer after the records before it', async () => {
    const { iterator } = pagesOf([[1, 2], [3]], 1);
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const item of pageRecordsIterator(iterator)) seen.push(item);
      })(),
    ).rejects.toThrow('page failed');
    expect(seen).toEqual([1, 2]);
  });
});
