import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('../../src/testing/', import.meta.url));
// The store contract is another module that the entry re-exports; it is not part of the mock.
const files = readdirSync(dir).filter(
  (name) => name.endsWith('.ts') && !name.startsWith('roster-store-contract'),
);

describe('oneroster/testing independence', () => {
  it('imports nothing from the client: only its own files, msw and Node built-ins', () => {
    const offenders: string[] = [];
    for (const file of files) {
      const source = readFileSync(`${dir}${file}`, 'utf8');
      for (const [, specifier] of source.matchAll(/\bfrom\s+'([^']+)'/g)) {
        const allowed =
          /^\.\/[a-z0-9-]+\.js$/.test(specifier as string) ||
          specifier === 'msw' ||
          specifier?.startsWith('node:');
        if (!allowed) offenders.push(`${file}: ${specifier}`);
      }
    }
    expect(files.length).toBeGreaterThan(30);
    expect(offenders).toEqual([]);
  });

  it('keeps msw out of the node:http server path', () => {
    const importsOf = (file: string): string[] =>
      [...readFileSync(`${dir}${file}`, 'utf8').matchAll(/\bfrom\s+'\.\/([a-z0-9-]+)\.js'/g)].map(
        (m) => `${m[1]}.ts`,
      );
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const dependency of importsOf(file)) visit(dependency);
    };
    visit('node-server.ts');
    const usingMsw = [...seen].filter((file) => /from 'msw'/.test(readFileSync(`${dir}${file}`, 'utf8')));
    expect(usingMsw).toEqual([]);
  });
});
