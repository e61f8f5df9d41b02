import { describe } from 'vitest';
import { memoryHarness } from '../store-harness.js';
import { reportScenarios } from './report-scenarios.js';

describe('buildRosterReport over the memory store', () => {
  reportScenarios(memoryHarness);
});
