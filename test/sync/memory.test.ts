import { describe } from 'vitest';
import { previewScenarios } from './scenarios-preview.js';
import { resumeScenarios } from './scenarios-resume.js';
import { safetyScenarios } from './scenarios-safety.js';
import { syncScenarios } from './scenarios-sync.js';
import { memoryHarness } from './store-harness.js';

// The postgres store runs the same scenarios: pass its StoreHarnessFactory to each of these.
describe('syncRoster with the memory store', () => {
  syncScenarios(memoryHarness);
});

describe('syncRoster previews with the memory store', () => {
  previewScenarios(memoryHarness);
});

describe('syncRoster safety with the memory store', () => {
  safetyScenarios(memoryHarness);
});

describe('syncRoster resume with the memory store', () => {
  resumeScenarios(memoryHarness);
});
