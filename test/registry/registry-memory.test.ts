import { describe, it } from 'vitest';
import { memoryBackend } from './backends.js';
import { registryScenarios } from './registry-scenarios.js';

describe('the connection registry on the memory store', () => {
  registryScenarios((name, body) =>
    it(name, async () => {
      const backend = memoryBackend();
      try {
        await body(backend);
      } finally {
        await backend.destroy();
      }
    }),
  );
});
