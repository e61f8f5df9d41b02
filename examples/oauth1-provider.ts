/**
 * A provider that still speaks OAuth 1.0a (the original OneRoster 1.1 security, served by many SIS
 * deployments): two-legged, HMAC-SHA256, every request signed. Filters with spaces and quotes are
 * where other clients' signatures break; this one encodes per RFC 3986 and signs the exact URL sent.
 *
 * Run: ONEROSTER_BASE_URL=... ONEROSTER_CLIENT_ID=<consumer key> ONEROSTER_CLIENT_SECRET=<consumer secret> \
 *      npx tsx examples/oauth1-provider.ts
 * Try it offline: `npx oneroster serve-mock --auth oauth1`.
 *
 * The import is relative so the example is type-checked in this repository; in your project write
 * `import { ... } from 'oneroster'`.
 */
import { pathToFileURL } from 'node:url';
import { createOneRosterClient, filter, oauth1 } from '../src/index.js';

/** The teachers of the provider the environment names, by sourcedId and e-mail. */
export async function listTeachers(env: NodeJS.ProcessEnv): Promise<{ sourcedId: string; email?: string }[]> {
  const consumerKey = env['ONEROSTER_CLIENT_ID'];
  const consumerSecret = env['ONEROSTER_CLIENT_SECRET'];
  const baseUrl = env['ONEROSTER_BASE_URL'];
  if (!consumerKey || !consumerSecret || !baseUrl) {
    throw new Error('Set ONEROSTER_BASE_URL, ONEROSTER_CLIENT_ID and ONEROSTER_CLIENT_SECRET');
  }
  const client = createOneRosterClient({
    baseUrl,
    auth: oauth1({ consumerKey, consumerSecret, signatureMethod: 'HMAC-SHA256' }),
  });
  const teachers: { sourcedId: string; email?: string }[] = [];
  // `role='teacher' AND status='active'`: spaces and quotes, signed correctly.
  const query = filter.and(filter.eq('role', 'teacher'), filter.eq('status', 'active'));
  for await (const user of client.users.list({ filter: query, fields: ['sourcedId', 'email'] })) {
    teachers.push({ sourcedId: user.sourcedId, ...(user.email ? { email: user.email } : {}) });
  }
  return teachers;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const teacher of await listTeachers(process.env))
    console.log(`${teacher.sourcedId}\t${teacher.email ?? ''}`);
}
