// Each name is exported by one entry point only: two meanings of one name (as `isMassDeletionError`
// once had, and the testing kit's `ONEROSTER_SCOPES` beside the client's) confuse a user who imports both.
import { describe, expect, it } from 'vitest';
import * as csv from '../../src/csv/index.js';
import * as root from '../../src/index.js';
import * as pgBoss from '../../src/pg-boss/index.js';
import * as postgres from '../../src/postgres/index.js';
import * as registry from '../../src/registry/index.js';
import * as sqlite from '../../src/sqlite/index.js';
import * as sync from '../../src/sync/index.js';
import * as testing from '../../src/testing/index.js';
import * as testingMsw from '../../src/testing/msw.js';

const entries = {
  oneroster: root,
  'oneroster/sync': sync,
  'oneroster/sqlite': sqlite,
  'oneroster/postgres': postgres,
  'oneroster/registry': registry,
  'oneroster/csv': csv,
  'oneroster/pg-boss': pgBoss,
  'oneroster/testing': testing,
  'oneroster/testing/msw': testingMsw,
};

describe('the public surface', () => {
  it('exports each name from one entry point only', () => {
    const homes = new Map<string, string[]>();
    for (const [path, entry] of Object.entries(entries)) {
      for (const name of Object.keys(entry)) homes.set(name, [...(homes.get(name) ?? []), path]);
    }
    expect(homes.size).toBeGreaterThan(100);
    expect([...homes].filter(([, paths]) => paths.length > 1)).toEqual([]);
  });
});
