import { describe } from 'vitest';
import { previewScenarios } from './scenarios-preview.js';
import { resumeScenarios } from './scenarios-resume.js';
import { safetyScenarios } from './scenarios-safety.js';
import { syncScenarios } from './scenarios-sync.js';
import { sqliteHarness } from './store-harness.js';

// The postgres store runs the same scenarios: pass its StoreHarnessFactory to each of these.
describe('syncRoster with the SQLite store', () => {
  syncScenarios(sqliteHarness);
});

describe('syncRoster previews with the SQLite store', () => {
  previewScenarios(sqliteHarness);
});

describe('syncRoster safety with the SQLite store', () => {
  safetyScenarios(sqliteHarness);
});

describe('syncRoster resume with the SQLite store', () => {
  resumeScenarios(sqliteHarness);
});
