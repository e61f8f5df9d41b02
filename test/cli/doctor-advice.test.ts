import { describe, expect, it } from 'vitest';
import {
  ADVICE_RULES,
  type AdviceItem,
  type AdviceRule,
  advise,
  findingsFor,
} from '../../src/cli/doctor/advise.js';
import type { Check, CheckStatus, Detail } from '../../src/cli/doctor/doctor-report.js';

type Detected = { readonly [key: string]: Detail };
const found = (id: string, status: CheckStatus, detected: Detected = {}): Check => ({
  id,
  title: id,
  status,
  summary: '',
  detected,
});

const allHonoured = { orgs: 'honoured', users: 'honoured', enrollments: 'honoured' };

/**
 * What each probe the advice reads can report, in the shapes the probes build (src/cli/doctor/probe-*.ts).
 * Each check may also be missing (its probe threw): `undefined` is tried for every one.
 */
const OUTCOMES: Record<string, Check[]> = {
  version: [
    found('version', 'ok', { version: '1.1', byPath: '1.1', byShape: '1.1', configured: null }),
    found('version', 'ok', { version: '1.1', byPath: '1.1', byShape: '1.1', configured: '1.1' }),
    found('version', 'ok', { version: '1.1', byPath: '1.1', byShape: null, configured: '1.2' }),
    found('version', 'ok', { version: '1.2', byPath: '1.2', byShape: '1.2', configured: null }),
    found('version', 'ok', { version: '1.2', byPath: '1.2', byShape: '1.2', configured: '1.2' }),
    found('version', 'ok', { version: '1.2', byPath: '1.2', byShape: '1.2', configured: '1.1' }),
    found('version', 'ok', { version: '1.2', byPath: null, byShape: '1.2', configured: null }),
    found('version', 'deviation', { version: '1.1', byPath: '1.1', byShape: '1.2', configured: null }),
    found('version', 'unknown', { version: '1.1', byPath: null, byShape: null, configured: null }),
  ],
  minimal: [
    found('minimal', 'ok', {
      version: '1.1',
      refused: {},
      failed: {},
      warned: [],
      clientVersion: '1.1',
      clientRefused: {},
    }),
    found('minimal', 'ok', {
      version: '1.2',
      refused: {},
      failed: {},
      warned: [],
      clientVersion: '1.1',
      clientRefused: { users: 'HTTP 400' },
    }),
    found('minimal', 'ok', {
      version: '1.2',
      refused: {},
      failed: {},
      warned: [],
      clientVersion: '1.2',
      clientRefused: {},
    }),
    found('minimal', 'unsupported', {
      version: '1.2',
      refused: { users: 'HTTP 400' },
      failed: {},
      warned: [],
      clientVersion: '1.2',
      clientRefused: {},
    }),
    found('minimal', 'deviation', {
      version: '1.1',
      refused: {},
      failed: {},
      warned: ['users'],
      clientVersion: '1.1',
      clientRefused: {},
    }),
    found('minimal', 'unknown', {
      version: '1.1',
      refused: {},
      failed: { users: 'HTTP 503' },
      warned: [],
      clientVersion: '1.1',
      clientRefused: {},
    }),
  ],
  validation: [
    found('validation', 'ok', {
      mode: 'lenient',
      clientVersion: '1.1',
      read: {},
      rejected: {},
      quarantined: {},
      failed: {},
    }),
    found('validation', 'ok', {
      mode: 'strict',
      clientVersion: '1.2',
      read: {},
      rejected: {},
      quarantined: {},
      failed: {},
    }),
    found('validation', 'unsupported', {
      mode: 'strict',
      clientVersion: '1.1',
      read: {},
      rejected: { users: ['role', 'orgs'] },
      quarantined: {},
      failed: {},
    }),
    found('validation', 'unsupported', {
      mode: 'strict',
      clientVersion: '1.2',
      read: {},
      rejected: { classes: ['terms'] },
      quarantined: {},
      failed: {},
    }),
    found('validation', 'deviation', {
      mode: 'lenient',
      clientVersion: '1.1',
      read: {},
      rejected: {},
      quarantined: { users: 2 },
      failed: {},
    }),
    found('validation', 'unknown', {
      mode: 'lenient',
      clientVersion: '1.1',
      read: {},
      rejected: {},
      quarantined: {},
      failed: { users: 'HTTP 400' },
    }),
    found('validation', 'failed', {
      mode: 'strict',
      clientVersion: '1.1',
      read: {},
      rejected: {},
      quarantined: {},
      failed: { users: 'HTTP 400' },
    }),
  ],
  'page-size': [
    found('page-size', 'ok', { cap: null }),
    found('page-size', 'deviation', { cap: 500 }),
    found('page-size', 'deviation', { cap: 2_000 }),
    found('page-size', 'unknown', { cap: null }),
    found('page-size', 'failed'),
  ],
  'limit-rejected': [
    found('limit-rejected', 'ok', { refusedLimit: null }),
    found('limit-rejected', 'deviation', { refusedLimit: 10_000, status: 413, maxAccepted: 700 }),
    found('limit-rejected', 'deviation', { refusedLimit: 10_000, status: 413, maxAccepted: 5_000 }),
    found('limit-rejected', 'deviation', { refusedLimit: 10_000, status: 413, maxAccepted: null }),
  ],
  'total-count': [
    found('total-count', 'ok', { kind: 'exact', value: 30 }),
    ...['omit', 'negative', 'invalid', 'unstable'].map((kind) => found('total-count', 'deviation', { kind })),
    found('total-count', 'failed'),
  ],
  sort: [
    found('sort', 'ok', { honoured: true, refused: false }),
    found('sort', 'unsupported', { honoured: false, refused: true }),
    found('sort', 'unsupported', { honoured: false, refused: false }),
    found('sort', 'unknown', { honoured: null, refused: false }),
  ],
  'sort-cost': [
    found('sort-cost', 'info', { unsortedMs: 40, sortedMs: 45, ratio: 1.1, slow: false }),
    found('sort-cost', 'info', { unsortedMs: 100, sortedMs: 320, ratio: 3.2, slow: true }),
    found('sort-cost', 'info', {
      unsortedMs: 100,
      sortedMs: 320,
      ratio: 3.2,
      slow: true,
      ownOrderAscending: true,
    }),
    found('sort-cost', 'unknown', { unsortedMs: null, sortedMs: null, ratio: null, slow: null }),
  ],
  'delta-filter': [
    found('delta-filter', 'ok', { honoured: true, collections: allHonoured }),
    found('delta-filter', 'unsupported', {
      honoured: false,
      collections: { orgs: 'ignored', users: 'ignored' },
    }),
    found('delta-filter', 'unsupported', {
      honoured: false,
      collections: { orgs: 'refused', users: 'ignored' },
    }),
    found('delta-filter', 'deviation', {
      honoured: 'partly',
      collections: { orgs: 'honoured', users: 'ignored' },
    }),
    found('delta-filter', 'deviation', {
      honoured: 'partly',
      collections: { orgs: 'honoured', users: 'refused' },
    }),
    found('delta-filter', 'unknown', { honoured: null, collections: { orgs: 'unknown' } }),
  ],
  filter: [
    found('filter', 'ok', { honoured: true, probes: { "orgs type='school'": 'honoured' } }),
    found('filter', 'unsupported', { honoured: false, probes: { "orgs type='school'": 'ignored' } }),
    found('filter', 'unsupported', { honoured: false, probes: { "orgs type='school'": 'refused' } }),
    found('filter', 'deviation', {
      honoured: 'partly',
      probes: { "orgs type='school'": 'honoured', "enrollments role='student'": 'ignored' },
    }),
    found('filter', 'unknown', { honoured: null, probes: {} }),
  ],
  fields: [
    found('fields', 'ok', { honoured: true, extra: [] }),
    found('fields', 'unsupported', { honoured: false, extra: ['password'] }),
    found('fields', 'unknown', { honoured: null }),
  ],
  'unknown-field': [
    found('unknown-field', 'ok', { answer: 'warning' }),
    found('unknown-field', 'deviation', { answer: 'refused', status: 400 }),
    found('unknown-field', 'deviation', { answer: 'ignored' }),
  ],
  ...Object.fromEntries(
    ['booleans', 'nulls', 'user-shape', 'envelope', 'school-envelope'].map((id) => [
      id,
      [found(id, 'ok'), found(id, 'deviation')],
    ]),
  ),
  'error-shape': [
    found('error-shape', 'ok'),
    found('error-shape', 'deviation'),
    found('error-shape', 'failed'),
  ],
  tombstones: [found('tombstones', 'ok', { seen: true }), found('tombstones', 'unknown', { seen: false })],
  stability: [
    found('stability', 'ok', { stable: true }),
    found('stability', 'deviation', { stable: false }),
    found('stability', 'unknown', { stable: null }),
  ],
  nested: [
    found('nested', 'ok', { answered: ['/classes/{id}/students'], failed: {}, skipped: [] }),
    found('nested', 'unsupported', {
      answered: ['/classes/{id}/students'],
      failed: { '/terms/{id}/classes': 'HTTP 404' },
      skipped: [],
    }),
    found('nested', 'unsupported', {
      answered: [],
      failed: { '/terms/{id}/classes': 'HTTP 404' },
      skipped: [],
    }),
  ],
  'rate-limit': [
    found('rate-limit', 'info', { headers: [], throttled: 0 }),
    found('rate-limit', 'info', { headers: ['retry-after'], throttled: 3 }),
  ],
  timing: [
    found('timing', 'info', { medianMs: 120, p90Ms: 300, maxMs: 400, requests: 60 }),
    found('timing', 'info', { medianMs: 3_000, p90Ms: 4_000, maxMs: 5_000, requests: 60 }),
    found('timing', 'unknown'),
  ],
};

/** Every combination of the outcomes of these checks (each one also missing). */
function* combinations(ids: readonly string[]): Generator<Check[]> {
  const [first, ...rest] = ids;
  if (first === undefined) {
    yield [];
    return;
  }
  const outcomes = OUTCOMES[first];
  if (outcomes === undefined) throw new Error(`no outcomes listed for check ${first}`);
  for (const tail of combinations(rest)) {
    yield tail;
    for (const outcome of outcomes) yield [outcome, ...tail];
  }
}

interface Line extends AdviceItem {
  readonly rule: string;
}

function linesOf(rules: readonly AdviceRule[], checks: readonly Check[]): Line[] {
  return rules.flatMap((rule) => {
    const item = rule.advise(findingsFor(checks, rule));
    return item === undefined ? [] : [{ rule: rule.id, ...item }];
  });
}

const statusOf = (checks: readonly Check[], id: string) => checks.find((entry) => entry.id === id)?.status;
const detectedOf = (checks: readonly Check[], id: string) =>
  checks.find((entry) => entry.id === id)?.detected;
const flagValue = (line: Line, name: string) =>
  line.flags?.find((flag) => flag.startsWith(`${name} `))?.slice(name.length + 1);

/** A line that contradicts a finding: what it says, against what the checks found. */
const AGAINST_FINDINGS: readonly {
  name: string;
  reads: readonly string[];
  broken: (line: Line, checks: readonly Check[]) => boolean;
}[] = [
  {
    name: 'full syncs while the delta filter works',
    reads: ['delta-filter'],
    broken: (line, checks) =>
      (line.flags?.includes('--mode full') === true || /full syncs/.test(line.text)) &&
      statusOf(checks, 'delta-filter') === 'ok',
  },
  {
    name: 'the minimal preset called safe without a test that passed',
    reads: ['minimal'],
    broken: (line, checks) => /\bsafe\b/.test(line.text) && statusOf(checks, 'minimal') !== 'ok',
  },
  {
    name: 'reading by filter advised where filters are not honoured',
    reads: ['filter'],
    broken: (line, checks) => /with a filter instead/.test(line.text) && statusOf(checks, 'filter') !== 'ok',
  },
  {
    name: 'filters called not honoured where they are',
    reads: ['filter'],
    broken: (line, checks) =>
      /filters are not honoured|Filters on other fields/.test(line.text) &&
      statusOf(checks, 'filter') === 'ok',
  },
  {
    name: '--oneroster-version other than the version found, or the one already given',
    reads: ['version'],
    broken: (line, checks) => {
      const asked = flagValue(line, '--oneroster-version');
      if (asked === undefined) return false;
      const version = detectedOf(checks, 'version');
      return (
        statusOf(checks, 'version') !== 'ok' ||
        version?.['version'] !== asked ||
        (version?.['configured'] ?? '1.1') === asked
      );
    },
  },
  {
    name: 'the cost of sorting, where the provider does not sort',
    reads: ['sort'],
    broken: (line, checks) => /sorted by sourcedId/.test(line.text) && statusOf(checks, 'sort') !== 'ok',
  },
  {
    name: 'sorting called not honoured where it is refused (stableSort: false is the advice then)',
    reads: ['sort'],
    broken: (line, checks) =>
      /Sorting is not honoured/.test(line.text) && detectedOf(checks, 'sort')?.['refused'] === true,
  },
  {
    name: "validation: 'lenient' where strict validation read every record",
    reads: ['validation'],
    broken: (line, checks) =>
      line.options?.['validation'] === 'lenient' &&
      statusOf(checks, 'validation') === 'ok' &&
      detectedOf(checks, 'validation')?.['mode'] === 'strict',
  },
];

/** Two lines that contradict each other. */
const BETWEEN_LINES: readonly { name: string; broken: (a: Line, b: Line) => boolean }[] = [
  {
    name: 'one flag with two values',
    broken: (a, b) =>
      (a.flags ?? []).some((flag) => {
        const [name] = flag.split(' ');
        return (b.flags ?? []).some((other) => other.split(' ')[0] === name && other !== flag);
      }),
  },
  {
    name: 'one client option with two values',
    broken: (a, b) =>
      Object.entries(a.options ?? {}).some(
        ([name, value]) =>
          b.options !== undefined &&
          name in b.options &&
          JSON.stringify(b.options[name]) !== JSON.stringify(value),
      ),
  },
  {
    name: 'more pages in flight, next to fewer',
    broken: (a, b) => /concurrency: 8/.test(a.text) && b.options?.['concurrency'] === 2,
  },
  {
    name: 'deltas that pull only what changed, next to full syncs',
    broken: (a, b) => /only what changed/.test(a.text) && b.flags?.includes('--mode full') === true,
  },
  {
    name: 'the cost of sorting, next to turning sorting off',
    broken: (a, b) => /sorted by sourcedId/.test(a.text) && b.options?.['stableSort'] === false,
  },
  {
    name: 'two versions said to be served',
    broken: (a, b) => {
      const served = (line: Line) => /serves (?:OneRoster )?(1\.[12])/.exec(line.text)?.[1];
      return served(a) !== undefined && served(b) !== undefined && served(a) !== served(b);
    },
  },
];

/** The flag and the client option of one setting must say the same in one line. */
const FLAG_OPTIONS: Record<string, string> = {
  '--page-size': 'pageSize',
  '--stable-sort': 'stableSort',
  '--concurrency': 'concurrency',
  '--oneroster-version': 'version',
};

function expectCoherent(line: Line): void {
  for (const [flag, option] of Object.entries(FLAG_OPTIONS)) {
    const value = flagValue(line, flag);
    const set = line.options?.[option];
    expect(value === undefined ? undefined : value, `${line.rule}: ${flag} against ${option}`).toEqual(
      set === undefined ? undefined : String(set),
    );
  }
}

const union = (...lists: (readonly string[])[]) => [...new Set(lists.flat())];

describe('the doctor never gives advice that contradicts a finding or another line of advice', () => {
  it('lists the outcomes of every check a rule reads', () => {
    for (const rule of ADVICE_RULES)
      for (const id of rule.reads) expect(OUTCOMES, `${rule.id} reads ${id}`).toHaveProperty([id]);
  });

  it('no line contradicts a finding, for every combination of the checks the line and the finding read', () => {
    let tried = 0;
    for (const rule of ADVICE_RULES) {
      for (const against of AGAINST_FINDINGS) {
        for (const checks of combinations(union(rule.reads, against.reads))) {
          tried++;
          for (const line of linesOf([rule], checks)) {
            expectCoherent(line);
            if (against.broken(line, checks)) {
              expect.fail(`${line.rule}: ${against.name}: "${line.text}" with ${JSON.stringify(checks)}`);
            }
          }
        }
      }
    }
    expect(tried).toBeGreaterThan(1_000);
    // Pure computation over every combination: seconds alone, far more on a machine busy with other work.
  }, 120_000);

  it('no two lines contradict, for every combination of the checks the two rules read', () => {
    let pairs = 0;
    for (const [index, first] of ADVICE_RULES.entries()) {
      for (const second of ADVICE_RULES.slice(index + 1)) {
        for (const checks of combinations(union(first.reads, second.reads))) {
          const [a, b] = [linesOf([first], checks)[0], linesOf([second], checks)[0]];
          if (a === undefined || b === undefined) continue;
          pairs++;
          for (const between of BETWEEN_LINES) {
            if (between.broken(a, b) || between.broken(b, a)) {
              expect.fail(`${between.name}: "${a.text}" and "${b.text}" with ${JSON.stringify(checks)}`);
            }
          }
        }
      }
    }
    expect(pairs).toBeGreaterThan(1_000);
  }, 120_000);

  it('a rule that reads a check it did not declare fails loudly', () => {
    const sneaky: AdviceRule = {
      id: 'sneaky',
      reads: ['sort'],
      advise: (findings) => ({ text: String(findings.status('filter')) }),
    };
    expect(() => linesOf([sneaky], [])).toThrow('advice rule sneaky reads filter without declaring it');
  });

  it("on Ed-Fi's findings of issue #13, advises --oneroster-version 1.2 and no full syncs", () => {
    const checks = [
      found('version', 'ok', { version: '1.2', byPath: '1.2', byShape: '1.2', configured: null }),
      found('delta-filter', 'ok', { honoured: true, collections: allHonoured }),
      found('filter', 'ok', { honoured: true, probes: {} }),
      found('unknown-field', 'deviation', { answer: 'refused', status: 400 }),
      found('minimal', 'ok', {
        version: '1.2',
        refused: {},
        failed: {},
        warned: [],
        clientVersion: '1.1',
        clientRefused: { users: 'HTTP 400' },
      }),
    ];
    const { advice, cliFlags, clientOptions } = advise(checks);
    expect(cliFlags).toEqual(['--oneroster-version 1.2']);
    expect(clientOptions).toEqual({ version: '1.2' });
    expect(advice.join('\n')).not.toMatch(/full syncs/);
    expect(advice[0]).toContain(
      'its minimal preset asks users for role and orgs, which this provider refuses',
    );
  });
});
