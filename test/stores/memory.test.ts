import { afterEach, beforeEach, describe, it } from 'vitest';
import { createMemoryStore, createMemoryStoreData } from '../../src/sync/memory-store.js';
import { describeRosterStoreContract } from '../../src/testing/store-contract/roster-store-contract.js';

describeRosterStoreContract(
  'memory',
  () => {
    const data = createMemoryStoreData();
    return { store: createMemoryStore({ data }), open: () => createMemoryStore({ data }) };
  },
  { describe, it, beforeEach, afterEach },
);
