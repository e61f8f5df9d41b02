// The peer ranges docs/stores.md states are the ones package.json declares, and the README's install
// table names a peer for each entry point that needs one.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (file: string): string => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
const manifest = JSON.parse(read('package.json')) as {
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};

/** The rows of docs/stores.md's peer table: peer → its Range cell, unescaped. */
function documentedRanges(): Map<string, string> {
  const rows = read('docs/stores.md')
    .split('\n')
    .filter((line) => /^\| `[^`]+` \| `[^`]+` \|/.test(line));
  return new Map(
    rows.map((row) => {
      const [peer = '', range = ''] = row
        .split(/(?<!\\)\|/)
        .slice(1, 3)
        .map((cell) => cell.trim().replace(/^`|`$/g, '').replace(/\\\|/g, '|'));
      return [peer, range];
    }),
  );
}

describe('the peer dependencies as the docs state them', () => {
  it('docs/stores.md gives each store driver the range package.json declares', () => {
    const ranges = documentedRanges();
    for (const driver of ['better-sqlite3', 'pg']) {
      expect(ranges.get(driver), driver).toBe(manifest.peerDependencies[driver]);
    }
  });

  it('every peer is optional, and the README says which entry point needs it', () => {
    const readme = read('README.md');
    for (const peer of Object.keys(manifest.peerDependencies)) {
      expect(manifest.peerDependenciesMeta[peer]?.optional, peer).toBe(true);
      expect(readme, peer).toMatch(new RegExp(`npm install (--save-dev )?${peer}\``));
    }
  });
});
