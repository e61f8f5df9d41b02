import { describe, expect, it } from 'vitest';
import { redactText, redactUrl } from '../../src/errors/redact.js';

describe('redactUrl', () => {
  it('removes OAuth parameters, tokens and user info', () => {
    const url =
      'https://admin:pw@sis.test/ims/oneroster/v1p1/users?oauth_signature=abc%3D&oauth_consumer_key=key&access_token=tok&limit=5';
    const redacted = redactUrl(url);
    expect(redacted).not.toMatch(/abc|tok\b|admin|pw@|=key/);
    expect(redacted).toContain('limit=5');
    expect(redacted).toContain('oauth_signature=[redacted]');
  });

  it('hides filter values that may be names or emails but keeps datetimes', () => {
    const url = `https://sis.test/users?filter=${encodeURIComponent("givenName='Siobhán' AND dateLastModified>'2026-01-01T00:00:00Z'")}`;
    const redacted = decodeURIComponent(redactUrl(url));
    expect(redacted).not.toContain('Siobhán');
    expect(redacted).toContain("givenName='[redacted]'");
    expect(redacted).toContain("dateLastModified>'2026-01-01T00:00:00Z'");
  });

  it("keeps redacting in step when a raw filter's quotes do not pair", () => {
    const url = `https://sis.test/users?filter=${encodeURIComponent("familyName='O'Brien' AND givenName='Siobhán'")}`;
    const redacted = decodeURIComponent(redactUrl(url));
    expect(redacted).not.toMatch(/Brien|Siobhán/);
    expect(redacted).toContain("familyName='[redacted]' AND givenName='[redacted]'");
  });

  it('scrubs echoed credentials and filter values from provider text', () => {
    const text = redactText("No user siobhan@school.test (Siobhán) for token abcdef123 'x'", {
      secrets: ['abcdef123'],
      filter: "email='siobhan@school.test' OR givenName='Siobhán'",
    });
    expect(text).toBe("No user [redacted] ([redacted]) for token [redacted] 'x'");
  });

  it('never throws on garbage', () => {
    expect(redactUrl('not a url')).toBe('[unparseable url]');
    expect(redactUrl('https://sis.test/x?filter=%E0%A4%A')).toContain('sis.test');
  });
});

describe('redactText', () => {
  it('keeps field names and scope URLs readable', () => {
    const descriptions = [
      "Field 'nope' is not allowed",
      'needs the https://purl.imsglobal.org/spec/or/v1p1/scope/roster-demographics.readonly scope',
      "needs the 'https://purl.imsglobal.org/spec/or/v1p1/scope/roster-core.readonly' scope",
      "Invalid filter field 'familyName'",
      'Unknown field "dateLastModified" in sort',
      "Cannot filter on 'orgs.sourcedId' or 'metadata.stateId'",
      "codeMinor 'invalid_filter_field': limit '5000' above the maximum",
      "Value 'x' of '' is not allowed after '2026-01-01T00:00:00Z'",
    ];
    for (const description of descriptions) expect(redactText(description)).toBe(description);
  });

  it('hides quoted values that may be a person: names, usernames with dots, ids and numbers', () => {
    expect(redactText(`No user "Jane Doe" or 'Smith' or 'jane.doe' or 'O'Brien'`)).toBe(
      `No user "[redacted]" or '[redacted]' or '[redacted]' or '[redacted]'`,
    );
    expect(redactText("Student number '20451337', phone '555-0134', id '3f2a9c1e-77b0'")).toBe(
      "Student number '[redacted]', phone '[redacted]', id '[redacted]'",
    );
    expect(redactText('Guardian “Mary Ann” and ‘Ravi’ and `Zoë`')).toBe(
      'Guardian “[redacted]” and ‘[redacted]’ and `[redacted]`',
    );
  });

  it("keeps an option the SDK's hints name, with its value, and hides a person or a credential in that shape", () => {
    expect(redactText("pass `version: '1.2'` or `pageSize=500` (`validation: 'strict'`)")).toBe(
      "pass `version: '1.2'` or `pageSize=500` (`validation: 'strict'`)",
    );
    expect(redactText("`givenName: 'Jane Doe'` and `password: 'hunter2'`")).toBe(
      '`[redacted]` and `[redacted]`',
    );
  });

  it('does not pair an apostrophe with a quote, so a quoted name is still found', () => {
    expect(redactText("can't find 'Smith' in the school's roster")).toBe(
      "can't find '[redacted]' in the school's roster",
    );
  });

  it('hides emails anywhere, quoted or not, plain or percent-encoded', () => {
    expect(redactText('refused for jane.doe@example.org.')).toBe('refused for [redacted].');
    expect(redactText('(siobhán@scoil.ie) and email%3D%27ravi%40school.test%27')).toBe(
      '([redacted]) and [redacted]%27',
    );
  });

  it('hides credentials by their shape when the request did not pass them', () => {
    expect(redactText('token Bearer at_9f8e7d6c5b4a.x-y refused')).toBe('token Bearer [redacted] refused');
    expect(redactText('header Basic dmVuZG9yOnNlY3JldA== rejected')).toBe('header Basic [redacted] rejected');
    expect(redactText('signature oauth_signature="k%2Fq8Zr%3D" and oauth_nonce=abc123 do not match')).toBe(
      'signature oauth_signature="[redacted]" and oauth_nonce=[redacted] do not match',
    );
    expect(redactText('GET /users?access_token=tok-123&limit=5, client_secret=s3cr3t')).toBe(
      'GET /users?access_token=[redacted]&limit=5, client_secret=[redacted]',
    );
    expect(redactText('body {"client_secret":"Zebra","scope":"roster"}')).toBe(
      'body {"client_secret":"[redacted]","scope":"roster"}',
    );
    expect(redactText('token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl expired')).toBe(
      'token [redacted] expired',
    );
  });

  it('keeps the words that follow an auth scheme in prose', () => {
    expect(redactText('Bearer token expired; Basic auth is disabled')).toBe(
      'Bearer token expired; Basic auth is disabled',
    );
  });

  it('always hides what the filter sent, even when it looks like a field name or is not quoted', () => {
    const filter = "username='jsmith' OR givenName='John Smith'";
    expect(redactText("No user 'jsmith'; No user John Smith", { filter })).toBe(
      'No user [redacted]; No user [redacted]',
    );
  });

  it('hides the secrets passed, also percent-encoded or cut off at the end of the text', () => {
    const secret = 'cons Quokka/secret+7';
    expect(redactText(`bad ${encodeURIComponent(secret)} and ${secret}`, { secrets: [secret] })).toBe(
      'bad [redacted] and [redacted]',
    );
    expect(redactText(`token ${secret.slice(0, 9)}`, { secrets: [secret] })).toBe('token [redacted]');
    expect(redactText('the scheme must be Bearer', { secrets: ['Bearer abcdef123'] })).toBe(
      'the scheme must be Bearer',
    );
  });

  it('changes nothing more when it runs twice', () => {
    const text = `Bearer abc.def-123 for "Jane Doe" <jane@school.test> oauth_signature="x%3D" 'nope'`;
    const once = redactText(text, { secrets: ['abc.def-123'] });
    expect(redactText(once)).toBe(once);
    expect(once).toBe(`Bearer [redacted] for "[redacted]" <[redacted]> oauth_signature="[redacted]" 'nope'`);
  });
});
