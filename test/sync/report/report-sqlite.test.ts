import { describe } from 'vitest';
import { sqliteHarness } from '../store-harness.js';
import { reportScenarios } from './report-scenarios.js';

describe('buildRosterReport over the SQLite store', () => {
  reportScenarios(sqliteHarness);
});
