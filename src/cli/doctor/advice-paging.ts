import { DEFAULT_PAGE_SIZE } from '../../base/options.js';
import type { AdviceRule } from './advise.js';

/** Median page time above which more pages in flight pay off. */
const SLOW_PAGE_MS = 2_000;

export const pageSize: AdviceRule = {
  id: 'page-size',
  reads: ['page-size', 'limit-rejected'],
  advise(findings) {
    const cap = findings.detected('page-size')?.['cap'];
    const accepted = findings.detected('limit-rejected')?.['maxAccepted'];
    const sizes = [cap, accepted].filter((value): value is number => typeof value === 'number');
    if (sizes.length === 0) return undefined;
    const size = Math.min(...sizes);
    if (size >= DEFAULT_PAGE_SIZE && typeof cap !== 'number') return undefined;
    return {
      text: `Ask for ${size} records per page (pageSize: ${size}): the provider ${typeof cap === 'number' ? 'serves no more' : 'refuses more'}. The client copes either way, but matching it saves requests and 413 retries.`,
      flags: [`--page-size ${size}`],
      options: { pageSize: size },
    };
  },
};

export const totalCount: AdviceRule = {
  id: 'total-count',
  reads: ['total-count'],
  advise(findings) {
    const kind = findings.detected('total-count')?.['kind'];
    if (kind === 'unstable') {
      return {
        text: 'X-Total-Count changes from one request to the next: syncRoster sees every pull as drifting and fails with IncompletePullError (docs/sync.md, Known limits). Use `oneroster pull` or the client until the provider fixes it.',
      };
    }
    if (kind === undefined || kind === 'exact') return undefined;
    return {
      text: 'Without a usable X-Total-Count the client reads pages one after another and stops on an empty page: pulls are correct but cannot prefetch pages in parallel.',
    };
  },
};

export const sort: AdviceRule = {
  id: 'sort',
  reads: ['sort'],
  advise(findings) {
    if (findings.detected('sort')?.['refused'] === true) {
      return {
        text: 'The provider refuses sort=sourcedId: set stableSort: false, or every list fails.',
        flags: ['--stable-sort false'],
        options: { stableSort: false },
      };
    }
    if (findings.status('sort') !== 'unsupported') return undefined;
    return {
      text: 'Sorting is not honoured, so paging is not stable while the roster changes: the client de-duplicates, and syncs are best run off-peak.',
    };
  },
};

export const sortCost: AdviceRule = {
  id: 'sort-cost',
  reads: ['sort', 'sort-cost'],
  advise(findings) {
    const cost = findings.detected('sort-cost');
    if (findings.status('sort') !== 'ok' || cost?.['slow'] !== true) return undefined;
    if (cost['ownOrderAscending'] === true) {
      return {
        text: `A page sorted by sourcedId takes ${cost['ratio']}× as long as an unsorted one (${cost['sortedMs']} ms against ${cost['unsortedMs']} ms): the provider likely sorts in memory, but unsorted it already serves enrollments in sourcedId order. stableSort: 'auto' (--stable-sort auto) reads each collection unsorted while its own order is sourcedId's, checking every id, and sorts a collection whose order is not.`,
        flags: ['--stable-sort auto'],
        options: { stableSort: 'auto' },
      };
    }
    return {
      text: `A page sorted by sourcedId takes ${cost['ratio']}× as long as an unsorted one (${cost['sortedMs']} ms against ${cost['unsortedMs']} ms): the provider likely sorts in memory, and the client sorts every page for stable paging. Ask the provider for an index on sourcedId. stableSort: false (--stable-sort false) lightens its load, but paging is then only as stable as its own order: sync off-peak if you do.`,
    };
  },
};

export const stability: AdviceRule = {
  id: 'stability',
  reads: ['stability'],
  advise(findings) {
    if (findings.detected('stability')?.['stable'] !== false) return undefined;
    return {
      text: 'The roster moved while it was read: the sync engine restarts a collection whose total or x-perm-rev moves (maxRestarts: 2). Sync off-peak.',
    };
  },
};

/** True when the provider answered the probe with 429s. */
function throttled(detected: { readonly [key: string]: unknown } | undefined): boolean {
  const count = detected?.['throttled'];
  return typeof count === 'number' && count > 0;
}

export const rateLimit: AdviceRule = {
  id: 'rate-limit',
  reads: ['rate-limit'],
  advise(findings) {
    if (!throttled(findings.detected('rate-limit'))) return undefined;
    return {
      text: 'The provider throttled the probe: lower concurrency and set requestsPerSecond (e.g. 5) for large pulls.',
      flags: ['--concurrency 2'],
      options: { concurrency: 2 },
    };
  },
};

export const slowPages: AdviceRule = {
  id: 'slow-pages',
  reads: ['timing', 'total-count', 'rate-limit'],
  advise(findings) {
    const median = findings.detected('timing')?.['medianMs'];
    // Pages in flight need a total to plan them, and a provider that throttles wants fewer, not more.
    if (typeof median !== 'number' || median <= SLOW_PAGE_MS) return undefined;
    if (findings.detected('total-count')?.['kind'] !== 'exact') return undefined;
    if (throttled(findings.detected('rate-limit'))) return undefined;
    return {
      text: 'Pages are slow: more pages in flight (concurrency: 8) shortens large pulls, if the provider allows it.',
    };
  },
};
