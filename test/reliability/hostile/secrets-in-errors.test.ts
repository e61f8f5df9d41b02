import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import {
  bearerToken,
  createOneRosterClient,
  isInvalidRequestError,
  isProtocolError,
  oauth1,
} from '../../../src/index.js';
import { type HostileServer, sendJson, startHostileServer } from './hostile-server.js';

const TOKEN = 'at_Narwhal.9f8e7d6c5b4a-3210';
const CONSUMER_KEY = 'or-key';
const CONSUMER_SECRET = 'cons-Quokka-secret-7';
const EMAIL = 'jane.doe@example.org';
const NAME = 'Jane Doe';
const SCOPE = 'https://purl.imsglobal.org/spec/or/v1p1/scope/roster-demographics.readonly';

const failure = (description: string, codeMinor?: string) => ({
  statusInfoSet: [
    {
      imsx_codeMajor: 'failure',
      imsx_severity: 'error',
      ...(codeMinor ? { imsx_codeMinor: codeMinor } : {}),
      imsx_description: description,
    },
  ],
});

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The error of one `users` read against a provider that answers every request with `answer`. */
async function failedRead(
  auth: ReturnType<typeof bearerToken> | ReturnType<typeof oauth1>,
  answer: (authorization: string) => { status: number; body: unknown },
  query: { filter?: string } = {},
): Promise<unknown> {
  server = await startHostileServer((request, response) => {
    const { status, body } = answer(String(request.headers.authorization ?? ''));
    sendJson(response, body, status);
  });
  const client = createOneRosterClient({ baseUrl: server.baseUrl, auth, retry: { retries: 0 } });
  try {
    for await (const _ of client.users.list(query)) {
      // The provider fails the first page.
    }
  } catch (error) {
    return error;
  }
  throw new Error('the read did not fail');
}

/** Every way an app could log the error. */
function logged(error: unknown): string[] {
  const message = error instanceof Error ? error.message : '';
  return [JSON.stringify(error), message, String(error)];
}

describe('a provider that echoes secrets and student data in its errors', () => {
  it('a 200 error envelope naming the bearer token and an email shows neither', async () => {
    const error = await failedRead(bearerToken(TOKEN), () => ({
      status: 200,
      body: failure(
        `token Bearer ${TOKEN} refused for ${EMAIL}; Field 'nope' is not allowed; needs the ${SCOPE} scope`,
      ),
    }));

    expect(isProtocolError(error)).toBe(true);
    for (const text of logged(error)) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(EMAIL);
    }
    // What the user needs to act on stays readable.
    // The whole Authorization value was sent, so it goes whole.
    expect(isProtocolError(error) && error.statusInfo?.description).toBe(
      `token [redacted] refused for [redacted]; Field 'nope' is not allowed; needs the ${SCOPE} scope`,
    );
    expect(JSON.stringify(error)).toContain(SCOPE);
  });

  it('a 200 error envelope repeating the bare token does not show it', async () => {
    // Needs the transport to hand the request's secrets to the envelope reader: no shape tells an
    // opaque token from a word.
    const error = await failedRead(bearerToken(TOKEN), () => ({
      status: 200,
      body: failure(`credential ${TOKEN} is not valid`),
    }));

    expect(isProtocolError(error)).toBe(true);
    for (const text of logged(error)) expect(text).not.toContain(TOKEN);
  });

  it('a 400 echoing the OAuth signature, a double-quoted name and the filter keeps only the field name and scope', async () => {
    let signature = '';
    const error = await failedRead(
      oauth1({ consumerKey: CONSUMER_KEY, consumerSecret: CONSUMER_SECRET }),
      (authorization) => {
        signature = /oauth_signature="([^"]+)"/.exec(authorization)?.[1] ?? '';
        return {
          status: 400,
          body: failure(
            `Invalid filter field 'familyName' for user "${NAME}" (no user Siobhán); oauth_signature="${signature}" does not match; needs the ${SCOPE} scope`,
            'invalid_filter_field',
          ),
        };
      },
      { filter: "givenName='Siobhán'" },
    );

    expect(signature).not.toBe('');
    expect(isInvalidRequestError(error)).toBe(true);
    for (const text of logged(error)) {
      for (const secret of [signature, decodeURIComponent(signature), CONSUMER_SECRET, NAME, 'Siobhán']) {
        expect(text).not.toContain(secret);
      }
      expect(text).toContain("'familyName'");
      expect(text).toContain(SCOPE);
    }
    expect(isInvalidRequestError(error) && error.statusInfo?.codeMinor).toBe('invalid_filter_field');
  });

  it("the CLI's error output shows no email, token or name the provider echoed", async () => {
    server = await startHostileServer((_request, response) => {
      sendJson(
        response,
        failure(`token ${TOKEN} has no access to ${EMAIL} ("${NAME}"); Field 'nope' is not allowed`),
        403,
      );
    });
    let stderr = '';
    const sink = (write: (text: string) => void) =>
      new Writable({
        write(chunk, _encoding, done) {
          write(String(chunk));
          done();
        },
      });
    const code = await main(
      ['pull', 'users', '--base-url', server.baseUrl, '--auth', 'bearer', '--token', TOKEN, '--verbose'],
      {
        stdout: sink(() => {}),
        stderr: sink((text) => {
          stderr += text;
        }),
        env: {},
        isTty: false,
        cwd: process.cwd(),
      },
    );

    expect(code).toBe(3);
    expect(stderr).toContain("Field 'nope' is not allowed");
    for (const secret of [TOKEN, EMAIL, NAME]) expect(stderr).not.toContain(secret);
  });
});
