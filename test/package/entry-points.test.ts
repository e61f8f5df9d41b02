import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import * as esm from '../../src/index.js';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const require = createRequire(import.meta.url);

// `npm test` builds first (the pretest script), so the built entry points are what is tested here.
describe.runIf(existsSync(`${dist}index.cjs`))('the built package', () => {
  it('can be required from CommonJS, ESM-only dependencies included', () => {
    const cjs = require(`${dist}index.cjs`) as typeof esm;
    expect(typeof cjs.createOneRosterClient).toBe('function');
    const client = cjs.createOneRosterClient({
      baseUrl: 'https://sis.test/ims/oneroster/v1p1',
      auth: { kind: 'none', authorize: async () => ({}) },
    });
    expect(client.options.pageSize).toBe(1_000);
  });

  it('shares error guards between the CommonJS and ESM copies', () => {
    const cjs = require(`${dist}index.cjs`) as typeof esm;
    const fromEsm = new esm.RateLimitError({ status: 429, method: 'GET', url: 'https://sis.test/x' });
    expect(cjs.isRateLimitError(fromEsm)).toBe(true);
    expect(fromEsm instanceof cjs.RateLimitError).toBe(false);
  });

  it('tree-shakes: a client-only bundle holds no store, sync engine or testing kit', async () => {
    const result = await build({
      stdin: {
        contents: `import { createOneRosterClient } from '${dist}index.js'; console.log(createOneRosterClient);`,
        resolveDir: dist,
      },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      minify: true,
      metafile: true,
    });
    const inputs = Object.keys(result.metafile.inputs).join('\n');
    expect(inputs).not.toMatch(/better-sqlite3|node_modules\/pg\/|node_modules\/msw\//);
    const code = result.outputFiles[0]?.text ?? '';
    expect(code).not.toMatch(/syncRoster|createSqliteStore|createPostgresStore|startMockServer/);
    // ky, p-retry, p-limit and the client: a ceiling that catches an accidental import of a big module.
    expect(code.length).toBeLessThan(60_000);
  });
});
