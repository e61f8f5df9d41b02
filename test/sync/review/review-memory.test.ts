import { describe } from 'vitest';
import { memoryHarness } from '../store-harness.js';
import { reviewScenarios } from './review-scenarios.js';

describe('review before go-live over the memory store', () => {
  reviewScenarios(memoryHarness);
});
