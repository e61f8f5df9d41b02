/**
 * Watch what the client does: every event `onEvent` receives, one line each on stderr, while the
 * users of a provider are counted. Events carry timings, statuses and redacted URLs, never a secret,
 * a token or a record's content, so these lines are safe to keep in a log. docs/client.md describes
 * each event.
 *
 * Run: ONEROSTER_BASE_URL=... ONEROSTER_TOKEN_URL=... ONEROSTER_CLIENT_ID=... ONEROSTER_CLIENT_SECRET=... \
 *      npx tsx examples/log-events.ts
 * Try it offline: `npx oneroster serve-mock --quirk maxPageSize=10 --rate-limit 5` prints the variables
 * of a mock provider that pages and throttles.
 *
 * The import is relative so the example is type-checked in this repository; in your project write
 * `import { ... } from 'oneroster'`.
 */
import { pathToFileURL } from 'node:url';
import { createOneRosterClient, type OneRosterEvent, oauth2ClientCredentials } from '../src/index.js';

/** One line for an event. */
export function describeEvent(event: OneRosterEvent): string {
  switch (event.type) {
    case 'request':
      return `#${event.requestId} attempt ${event.attempt}: ${event.method} ${event.url}`;
    case 'response':
      return `#${event.requestId} attempt ${event.attempt}: ${event.cancelled ? 'cancelled' : (event.status ?? event.error)} in ${event.durationMs} ms`;
    case 'retry':
      return `#${event.requestId} retry in ${event.delayMs} ms after ${event.reason}`;
    case 'rate-limited':
      return `#${event.requestId} throttled: waiting ${event.retryAfterMs ?? 'a backoff'} ms, pace ${event.requestsPerSecond}/s`;
    case 'token-refreshed':
      return `token (${event.reason}) in ${event.durationMs} ms, valid for ${event.expiresInMs ?? 'an unknown'} ms`;
    case 'record-quarantined':
      return `${event.collection} ${event.sourcedId ?? '(no sourcedId)'} quarantined: ${event.issues.map((issue) => `${issue.path} ${issue.code}`).join(', ')}`;
    case 'unknown-enum-value':
      return `${event.collection} ${event.sourcedId ?? '(no sourcedId)'}: ${event.path} = ${event.value}, not in the spec`;
    case 'ref-type-mismatch':
      return `${event.collection} ${event.sourcedId ?? '(no sourcedId)'}: ${event.path} = ${event.value}, but the field points at a ${event.expected}`;
    case 'drift':
      return `${event.collection} changed during the pull (total ${event.totalBefore} to ${event.totalAfter})`;
    case 'unstable-sort':
      return `${event.collection} sorted by ${event.sort ?? 'the provider'} repeated a record at offset ${event.offset}: reading on in sourcedId order`;
    case 'provider-order':
      return event.ascending
        ? `${event.collection} comes in sourcedId order unasked: read without sort from now on`
        : `${event.collection} came out of sourcedId order at offset ${event.offset}: sorted from now on`;
  }
}

/** Counts the users of the provider the environment names, writing each event with `write`. */
export async function countUsersLoggingEvents(
  env: NodeJS.ProcessEnv,
  write: (line: string) => void,
): Promise<number> {
  const client = createOneRosterClient({
    baseUrl: required(env, 'ONEROSTER_BASE_URL'),
    auth: oauth2ClientCredentials({
      tokenUrl: required(env, 'ONEROSTER_TOKEN_URL'),
      clientId: required(env, 'ONEROSTER_CLIENT_ID'),
      clientSecret: required(env, 'ONEROSTER_CLIENT_SECRET'),
    }),
    onEvent: (event) => write(`oneroster: ${describeEvent(event)}`),
  });
  let users = 0;
  for await (const _user of client.users.list({ fields: ['sourcedId', 'role'] })) users++;
  return users;
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`Set ${name}`);
  return value;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const users = await countUsersLoggingEvents(process.env, (line) => process.stderr.write(`${line}\n`));
  console.log(`${users} users`);
}
