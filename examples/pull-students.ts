/**
 * Pull every student with the privacy preset (`fields: 'minimal'`): names, grades, schools, never
 * passwords, phone numbers or demographics.
 *
 * Run: ONEROSTER_BASE_URL=... ONEROSTER_TOKEN_URL=... ONEROSTER_CLIENT_ID=... ONEROSTER_CLIENT_SECRET=... \
 *      npx tsx examples/pull-students.ts
 * Try it offline: `npx oneroster serve-mock` prints the variables for a mock provider.
 *
 * The import is relative so the example is type-checked in this repository; in your project write
 * `import { ... } from 'oneroster'`.
 */
import { pathToFileURL } from 'node:url';
import { createOneRosterClient, oauth2ClientCredentials } from '../src/index.js';

/** What the example prints per student. */
export interface StudentLine {
  sourcedId: string;
  name: string;
  grades: string;
}

/** Pulls the students of the provider the environment names. */
export async function pullStudents(env: NodeJS.ProcessEnv): Promise<StudentLine[]> {
  const client = createOneRosterClient({
    baseUrl: required(env, 'ONEROSTER_BASE_URL'),
    auth: oauth2ClientCredentials({
      tokenUrl: required(env, 'ONEROSTER_TOKEN_URL'),
      clientId: required(env, 'ONEROSTER_CLIENT_ID'),
      clientSecret: required(env, 'ONEROSTER_CLIENT_SECRET'),
    }),
  });
  const lines: StudentLine[] = [];
  // A plain async iterable: paging, clamped pages, retries and de-duplication happen inside.
  for await (const student of client.students.list({ fields: 'minimal' })) {
    lines.push({
      sourcedId: student.sourcedId,
      name: `${student.givenName} ${student.familyName}`,
      grades: (student.grades ?? []).join(' '),
    });
  }
  return lines;
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`Set ${name}`);
  return value;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await pullStudents(process.env))
    console.log(`${line.sourcedId}\t${line.name}\t${line.grades}`);
}
