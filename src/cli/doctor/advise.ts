import { DEFAULT_PAGE_SIZE } from '../../base/options.js';
import type { Check, Detail } from './doctor-report.js';

/** Median page time above which more pages in flight pay off. */
const SLOW_PAGE_MS = 2_000;

/** Advice, client options and CLI flags that fit what the checks found. */
export interface Advice {
  advice: string[];
  clientOptions: Record<string, Detail>;
  cliFlags: string[];
}

function detected(checks: readonly Check[], id: string): Check['detected'] | undefined {
  return checks.find((entry) => entry.id === id)?.detected;
}

function statusOf(checks: readonly Check[], id: string): Check['status'] | undefined {
  return checks.find((entry) => entry.id === id)?.status;
}

/** Turns findings into what to do about them. Only what a finding calls for: no advice is good news. */
export function advise(checks: readonly Check[]): Advice {
  const advice: string[] = [];
  const clientOptions: Record<string, Detail> = {};
  const cliFlags: string[] = [];

  const cap = detected(checks, 'page-size')?.['cap'];
  const accepted = detected(checks, 'limit-rejected')?.['maxAccepted'];
  const pageSize = [cap, accepted].filter((value): value is number => typeof value === 'number');
  if (pageSize.length > 0) {
    const size = Math.min(...pageSize);
    if (size < DEFAULT_PAGE_SIZE || typeof cap === 'number') {
      clientOptions['pageSize'] = size;
      cliFlags.push(`--page-size ${size}`);
      advice.push(
        `Ask for ${size} records per page (pageSize: ${size}): the provider ${typeof cap === 'number' ? 'serves no more' : 'refuses more'}. The client copes either way, but matching it saves requests and 413 retries.`,
      );
    }
  }
  const total = detected(checks, 'total-count')?.['kind'];
  if (total === 'unstable') {
    advice.push(
      'X-Total-Count changes from one request to the next: syncRoster sees every pull as drifting and fails with IncompletePullError (docs/sync.md, Known limits). Use `oneroster pull` or the client until the provider fixes it.',
    );
  } else if (total !== undefined && total !== 'exact') {
    advice.push(
      'Without a usable X-Total-Count the client reads pages one after another and stops on an empty page: pulls are correct but cannot prefetch pages in parallel.',
    );
  }
  if (detected(checks, 'sort')?.['refused'] === true) {
    clientOptions['stableSort'] = false;
    cliFlags.push('--stable-sort false');
    advice.push('The provider refuses sort=sourcedId: set stableSort: false, or every list fails.');
  } else if (statusOf(checks, 'sort') === 'unsupported') {
    advice.push(
      'Sorting is not honoured, so paging is not stable while the roster changes: the client de-duplicates, and syncs are best run off-peak.',
    );
  }
  if (statusOf(checks, 'delta-filter') === 'unsupported' || statusOf(checks, 'filter') === 'unsupported') {
    cliFlags.push('--mode full');
    advice.push(
      "Filters are not honoured: run full syncs (`oneroster sync --mode full`, syncRoster mode: 'full'); a delta would pull everything anyway.",
    );
  }
  if (statusOf(checks, 'fields') === 'unsupported') {
    advice.push(
      'The provider ignores fields: the client keeps only the fields you ask for, but every field (passwords, phone numbers) crosses the network. Ask the provider to honour fields.',
    );
  }
  if (detected(checks, 'unknown-field')?.['answer'] === 'refused') {
    advice.push(
      'Unknown fields are refused with an error (1.2 behaviour): ask only for 1.1 fields; the minimal preset is safe.',
    );
  }
  const normalised = ['booleans', 'nulls', 'user-shape', 'envelope', 'school-envelope'].filter(
    (id) => statusOf(checks, id) === 'deviation',
  );
  if (normalised.length > 0) {
    clientOptions['validation'] = 'lenient';
    advice.push(
      `Keep validation: 'lenient' (the default): it normalises what this provider sends differently (${normalised.join(', ')}).`,
    );
  }
  if (statusOf(checks, 'error-shape') === 'deviation') {
    advice.push(
      'Error bodies deviate from the spec: rely on the error classes (status), not on statusInfo.codeMinor.',
    );
  }
  if (detected(checks, 'tombstones')?.['seen'] !== true) {
    advice.push(
      'No deletions were seen: if the provider hides them, deltas miss deletes. Keep the periodic full sync (fullSyncEveryMs, 7 days by default) or shorten it.',
    );
  }
  if (detected(checks, 'stability')?.['stable'] === false) {
    advice.push(
      'The roster moved while it was read: the sync engine restarts a collection whose total or x-perm-rev moves (maxRestarts: 2). Sync off-peak.',
    );
  }
  if (statusOf(checks, 'nested') === 'unsupported') {
    advice.push(
      'Some nested collections fail: read top-level collections with a filter instead (a 403 means the credentials lack roster.readonly).',
    );
  }
  const throttled = detected(checks, 'rate-limit')?.['throttled'];
  if (typeof throttled === 'number' && throttled > 0) {
    clientOptions['concurrency'] = 2;
    cliFlags.push('--concurrency 2');
    advice.push(
      'The provider throttled the probe: lower concurrency and set requestsPerSecond (e.g. 5) for large pulls.',
    );
  }
  const median = detected(checks, 'timing')?.['medianMs'];
  if (typeof median === 'number' && median > SLOW_PAGE_MS && total === 'exact') {
    advice.push(
      'Pages are slow: more pages in flight (concurrency: 8) shortens large pulls, if the provider allows it.',
    );
  }
  return { advice, clientOptions, cliFlags };
}
