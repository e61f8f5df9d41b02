import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layers of src/ and what each may import (docs/architecture.md). Type imports count too: a
 * layer that names a type of the layer above it depends on it. `root` is src/index.ts, the
 * public `oneroster` entry: sync/ and the stores see the client only through it.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  base: [],
  errors: ['base'],
  models: ['base', 'errors'],
  query: ['base', 'errors', 'models'],
  auth: ['base', 'errors'],
  transport: ['base', 'errors'],
  paging: ['base', 'errors', 'models', 'transport'],
  resources: ['base', 'errors', 'models', 'query', 'transport', 'paging'],
  client: ['base', 'errors', 'models', 'query', 'auth', 'transport', 'paging', 'resources'],
  root: ['base', 'errors', 'models', 'query', 'auth', 'transport', 'paging', 'resources', 'client'],
  sync: ['root'],
  sqlite: ['sync', 'root'],
  postgres: ['sync', 'root'],
  // The connection registry: the sync engine's and the client's public APIs only.
  registry: ['sync', 'root'],
  // The OneRoster CSV binding: a sync source and a store reader, through the public APIs only.
  csv: ['sync', 'root'],
  // The distributed worker: the registry's, the sync engine's and the client's public APIs only.
  'pg-boss': ['registry', 'sync', 'root'],
  'testing/district': [],
  'testing/provider': ['testing/district'],
  'testing/store-contract': ['sync', 'root'],
  testing: ['testing/provider', 'testing/district', 'testing/store-contract'],
  cli: ['*'],
};

const srcDir = fileURLToPath(new URL('../../src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** The layer a file of src/ belongs to: its folder, with testing/ split in its three parts. */
function layerOf(file: string): string {
  const parts = relative(srcDir, file).split(sep);
  if (parts.length === 1) return 'root';
  if (parts[0] === 'testing' && parts.length > 2) return `testing/${parts[1]}`;
  return parts[0] ?? 'root';
}

/** Relative specifiers of `import`, `export … from` and `import()`, type-only ones included. */
function relativeImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^import\s+)'(\.[^']+)'/gm)].map(
    (match) => match[1] ?? '',
  );
}

const edges = sourceFiles(srcDir).flatMap((file) =>
  relativeImports(file)
    // package.json (the CLI's version) is not a layer.
    .filter((specifier) => !specifier.endsWith('package.json'))
    .map((specifier) => ({
      from: relative(srcDir, file),
      to: relative(srcDir, join(dirname(file), specifier)),
      fromLayer: layerOf(file),
      toLayer: layerOf(join(dirname(file), specifier)),
    })),
);

describe('the import graph of src/', () => {
  it('has every folder in a layer', () => {
    const unknown = [...new Set(edges.flatMap((edge) => [edge.fromLayer, edge.toLayer]))].filter(
      (layer) => !(layer in MAY_IMPORT),
    );
    expect(unknown).toEqual([]);
  });

  it('imports only from the layers below each layer', () => {
    const upward = edges
      .filter((edge) => edge.fromLayer !== edge.toLayer)
      .filter((edge) => {
        const allowed = MAY_IMPORT[edge.fromLayer] ?? [];
        return !allowed.includes('*') && !allowed.includes(edge.toLayer);
      })
      .map((edge) => `${edge.from} → ${edge.to}`);
    expect(upward).toEqual([]);
  });

  it('lets the registry see the sync engine and the client through their entry points only', () => {
    const inner = edges
      .filter((edge) => edge.fromLayer === 'registry' && edge.toLayer !== 'registry')
      .filter((edge) => edge.to !== 'index.js' && edge.to !== join('sync', 'index.js'))
      .map((edge) => `${edge.from} → ${edge.to}`);
    expect(inner).toEqual([]);
    expect(edges.some((edge) => edge.fromLayer === 'registry' && edge.to === join('sync', 'index.js'))).toBe(
      true,
    );
  });

  it('lets the CSV binding see the sync engine and the client through their entry points only', () => {
    const inner = edges
      .filter((edge) => edge.fromLayer === 'csv' && edge.toLayer !== 'csv')
      .filter((edge) => edge.to !== 'index.js' && edge.to !== join('sync', 'index.js'))
      .map((edge) => `${edge.from} → ${edge.to}`);
    expect(inner).toEqual([]);
    expect(edges.some((edge) => edge.fromLayer === 'csv' && edge.to === join('sync', 'index.js'))).toBe(true);
  });

  it('lets the pg-boss worker see the layers below through their entry points only', () => {
    const entries = ['index.js', join('sync', 'index.js'), join('registry', 'index.js')];
    const inner = edges
      .filter((edge) => edge.fromLayer === 'pg-boss' && edge.toLayer !== 'pg-boss')
      .filter((edge) => !entries.includes(edge.to))
      .map((edge) => `${edge.from} → ${edge.to}`);
    expect(inner).toEqual([]);
  });

  it('reads edges from the source, so an empty graph cannot pass', () => {
    expect(edges.length).toBeGreaterThan(300);
    expect(edges.some((edge) => edge.fromLayer === 'sync' && edge.toLayer === 'root')).toBe(true);
  });
});
