import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import * as esm from '../../src/index.js';
import { DIST, requireBuilt } from '../helpers/built-package.js';

const dist = join(DIST, '/');
const require = createRequire(import.meta.url);
const HIDE_OPTIONAL_DEPS = fileURLToPath(new URL('../cli/fixtures/hide-optional-deps.mjs', import.meta.url));

// The built entry points are what is tested here: test/setup/build.ts rebuilds a stale dist/.
describe('the built package', () => {
  beforeAll(() =>
    requireBuilt(
      ...[
        'index',
        'sync',
        'sqlite',
        'postgres',
        'registry',
        'csv',
        'pg-boss',
        'testing',
        'testing/msw',
      ].flatMap((e) => [`${e}.js`, `${e}.cjs`]),
    ),
  );

  it('can be required from CommonJS, ESM-only dependencies included', () => {
    const cjs = require(`${dist}index.cjs`) as typeof esm;
    expect(typeof cjs.createOneRosterClient).toBe('function');
    const client = cjs.createOneRosterClient({
      baseUrl: 'https://sis.test/ims/oneroster/v1p1',
      auth: { kind: 'none', authorize: async () => ({}) },
    });
    expect(client.options.pageSize).toBe(1_000);
  });

  it.each(['sync', 'sqlite', 'postgres', 'registry', 'csv', 'pg-boss', 'testing', 'testing/msw'])(
    'builds the %s entry point for require and import',
    async (name) => {
      const cjs = require(`${dist}${name}.cjs`) as Record<string, unknown>;
      const esmEntry = (await import(`${dist}${name}.js`)) as Record<string, unknown>;
      expect(Object.keys(cjs).sort()).toEqual(Object.keys(esmEntry).sort());
      expect(Object.keys(cjs).length).toBeGreaterThan(0);
    },
  );

  it('keeps the sync engine free of database drivers and the testing kit', async () => {
    const result = await build({
      stdin: {
        contents: `import { syncRoster } from '${dist}sync.js'; console.log(syncRoster);`,
        resolveDir: dist,
      },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      metafile: true,
    });
    expect(Object.keys(result.metafile.inputs).join('\n')).not.toMatch(
      /better-sqlite3|node_modules\/pg\/|node_modules\/msw\//,
    );
  });

  it('keeps the registry free of database drivers and the testing kit', async () => {
    const result = await build({
      stdin: {
        contents: `import { createConnectionRegistry, localKeyProvider } from '${dist}registry.js'; console.log(createConnectionRegistry, localKeyProvider);`,
        resolveDir: dist,
      },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      metafile: true,
    });
    const inputs = Object.keys(result.metafile.inputs).join('\n');
    expect(inputs).not.toMatch(/better-sqlite3|node_modules\/pg\/|node_modules\/msw\//);
    expect(inputs).toMatch(/node_modules\/croner\//);
  });

  it('loads oneroster/registry, and runs it on the memory store, without the optional peers installed', () => {
    const script = `
      const { createConnectionRegistry, localKeyProvider } = await import(${JSON.stringify(`${dist}registry.js`)});
      const { createMemoryStore, createMemoryStoreData, createMemoryConnectionStorage } = await import(${JSON.stringify(`${dist}sync.js`)});
      const data = createMemoryStoreData();
      const keys = localKeyProvider({ keys: { k1: Buffer.alloc(32, 1).toString('base64') }, current: 'k1' });
      const registry = createConnectionRegistry({ store: createMemoryStore({ data }), storage: createMemoryConnectionStorage({ data }), keys });
      await registry.addConnection({ tenant: 'd1', baseUrl: 'https://sis.test/ims/oneroster/v1p1', auth: { type: 'bearer', token: 't' } });
      const client = await registry.clientFor('d1');
      console.log(client.options.baseUrl);
    `;
    const output = execFileSync(
      process.execPath,
      ['--import', HIDE_OPTIONAL_DEPS, '--input-type=module', '-e', script],
      {
        encoding: 'utf8',
      },
    );
    expect(output.trim()).toBe('https://sis.test/ims/oneroster/v1p1');
  });

  it('keeps msw out of oneroster/testing: only oneroster/testing/msw imports it', async () => {
    const inputsOf = async (entry: string) => {
      const result = await build({
        stdin: { contents: `export * from '${dist}${entry}';`, resolveDir: dist },
        bundle: true,
        write: false,
        format: 'esm',
        platform: 'node',
        metafile: true,
      });
      return Object.keys(result.metafile.inputs).join('\n');
    };
    expect(await inputsOf('testing.js')).not.toMatch(/node_modules\/msw\//);
    expect(await inputsOf('testing/msw.js')).toMatch(/node_modules\/msw\//);
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
    // The models use zod/mini's functional API: classic zod (whose `z` object pulls in every schema
    // and locale) must not come back through any import. esbuild lists the modules it read, shaken
    // or not: count those that put code in the bundle.
    const kept = Object.values(result.metafile.outputs).flatMap((output) =>
      Object.entries(output.inputs)
        .filter(([, input]) => input.bytesInOutput > 0)
        .map(([path]) => path),
    );
    expect(kept.join('\n')).not.toMatch(/node_modules\/zod\/v4\/(classic|locales)\//);
    const code = result.outputFiles[0]?.text ?? '';
    expect(code).not.toMatch(
      /syncRoster|createSqliteStore|createPostgresStore|startMockServer|createConnectionRegistry/,
    );
    expect(inputs).not.toMatch(/node_modules\/croner\//);
    // Was 509 KB minified with classic zod (454 KB of it zod). With zod/mini and the models of both
    // versions: 101 KB (2026-12-02), 22 KB of it zod. A ceiling with a little headroom, so an
    // accidental import of another big module fails here; lower it when the bundle shrinks.
    expect(code.length).toBeLessThan(105_000);
  });
});
