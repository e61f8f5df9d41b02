import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { createSqliteStore } from '../../src/sqlite/index.js';
import { describeRosterStoreContract } from '../../src/testing/roster-store-contract.js';

describeRosterStoreContract(
  'sqlite',
  () => {
    const directory = mkdtempSync(join(tmpdir(), 'oneroster-sqlite-'));
    const path = join(directory, 'roster.db');
    return {
      store: createSqliteStore({ path }),
      open: () => createSqliteStore({ path }),
      destroy: () => rmSync(directory, { recursive: true, force: true }),
    };
  },
  { describe, it, beforeEach, afterEach },
);
