import { describe } from 'vitest';
import { itWithPostgres } from '../helpers/postgres-url.js';
import { postgresBackend } from './backends.js';
import { registryScenarios } from './registry-scenarios.js';

describe('the connection registry on PostgreSQL', () => {
  registryScenarios((name, body) =>
    itWithPostgres(name, async (url) => {
      const backend = postgresBackend(url);
      try {
        await body(backend);
      } finally {
        await backend.destroy();
      }
    }),
  );
});
