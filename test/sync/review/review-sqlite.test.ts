import { describe } from 'vitest';
import { sqliteHarness } from '../store-harness.js';
import { reviewScenarios } from './review-scenarios.js';

describe('review before go-live over the SQLite store', () => {
  reviewScenarios(sqliteHarness);
});
