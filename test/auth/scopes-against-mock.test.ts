import { describe, expect, it } from 'vitest';
import {
  createOneRosterClient,
  NESTED_COLLECTIONS_BY_VERSION,
  ONEROSTER_SCOPES,
  ONEROSTER_VERSIONS,
  type OneRosterVersion,
  oauth2ClientCredentials,
} from '../../src/index.js';
import { generateDistrict } from '../../src/testing/index.js';
import { createMockProvider } from '../../src/testing/msw.js';
import { useMsw } from '../testing/helpers.js';

const msw = useMsw();
const district = generateDistrict({ preset: 'tiny' });

type Pull = AsyncIterable<unknown>;

/**
 * The HTTP status a read of `collection` ends with, for a token of `scope` only. Nested reads name
 * parents that do not exist: the mock checks the scope before it looks the parent up, so a granted
 * read is a 404 there and a refused one a 403.
 */
async function statusOf(version: OneRosterVersion, collection: string, scope: string): Promise<number> {
  const provider = createMockProvider({ district, version });
  msw.install(provider.handlers);
  const client = createOneRosterClient({
    baseUrl: provider.baseUrl,
    version,
    retry: { retries: 0 },
    auth: oauth2ClientCredentials({
      tokenUrl: provider.tokenUrl as string,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      scope,
    }),
  });
  const [parent, method] = collection.split('.');
  const resource = client[parent as keyof typeof client] as unknown as Record<
    string,
    ((...ids: string[]) => Pull) | undefined
  > & { list(): Pull };
  const pull =
    method === undefined ? resource.list() : (resource[method]?.('no-such-1', 'no-such-2') as Pull);
  try {
    // The first page decides: a refused read fails on it, a granted one yields.
    for await (const _record of pull) break;
    return 200;
  } catch (error) {
    return (error as { status?: number }).status ?? -1;
  }
}

describe('the OAuth 2.0 scopes the client names for each collection, against the mock provider', () => {
  it.each(ONEROSTER_VERSIONS)(
    'in %s, each collection is read with each of its scopes and refused with any other',
    async (version) => {
      const scopes = ONEROSTER_SCOPES[version];
      const all = [scopes.roster, scopes.rosterCore, scopes.rosterDemographics];
      const nested = new Set(NESTED_COLLECTIONS_BY_VERSION[version].map((n) => `${n.parent}.${n.method}`));
      const outcomes: string[] = [];
      const expected: string[] = [];
      for (const [collection, granting] of Object.entries(scopes.collections)) {
        for (const scope of all) {
          const status = await statusOf(version, collection, scope);
          const name = scope.slice(scope.lastIndexOf('/') + 1);
          outcomes.push(`${collection} ${name} ${status === 403 ? 'refused' : status}`);
          const granted = (granting as readonly string[]).includes(scope);
          expected.push(
            `${collection} ${name} ${granted ? (nested.has(collection) ? 404 : 200) : 'refused'}`,
          );
        }
      }
      expect(outcomes).toEqual(expected);
    },
  );
});
