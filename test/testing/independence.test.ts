import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const testingDir = fileURLToPath(new URL('../../src/testing/', import.meta.url));
/** The mock provider and the district it serves: no file of either may reach the client. */
const MOCK_ROOTS = ['provider/node-server.ts', 'provider/msw-adapter.ts', 'district/district.ts'];

function specifiersOf(file: string): string[] {
  return [...readFileSync(join(testingDir, file), 'utf8').matchAll(/\bfrom\s+'([^']+)'/g)].map(
    (m) => m[1] ?? '',
  );
}

/** Every file of src/testing/ that `root` reaches through relative imports. */
function reachedFrom(root: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of specifiersOf(file)) {
      if (!specifier.startsWith('.')) continue;
      visit(relative(testingDir, join(testingDir, dirname(file), specifier.replace(/\.js$/, '.ts'))));
    }
  };
  visit(root);
  return seen;
}

describe('oneroster/testing independence', () => {
  it('imports nothing from the client: only its own files, msw and Node built-ins', () => {
    const files = new Set(MOCK_ROOTS.flatMap((root) => [...reachedFrom(root)]));
    const offenders = [...files].filter((file) => !/^(provider|district)\/[a-z0-9-]+\.ts$/.test(file));
    for (const file of files) {
      for (const specifier of specifiersOf(file)) {
        const allowed = specifier.startsWith('.') || specifier === 'msw' || specifier.startsWith('node:');
        if (!allowed) offenders.push(`${file}: ${specifier}`);
      }
    }
    expect(files.size).toBeGreaterThan(30);
    expect(offenders).toEqual([]);
  });

  it('keeps the district generator free of the provider', () => {
    const reached = [...reachedFrom('district/district.ts')];
    expect(reached.filter((file) => !file.startsWith('district/'))).toEqual([]);
  });

  it('keeps msw out of the node:http server path', () => {
    const usingMsw = [...reachedFrom('provider/node-server.ts')].filter((file) =>
      specifiersOf(file).includes('msw'),
    );
    expect(usingMsw).toEqual([]);
  });
});
