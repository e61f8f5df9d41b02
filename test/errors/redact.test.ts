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
    expect(text).toBe("No user [redacted] ([redacted]) for token [redacted] '[redacted]'");
  });

  it('never throws on garbage', () => {
    expect(redactUrl('not a url')).toBe('[unparseable url]');
    expect(redactUrl('https://sis.test/x?filter=%E0%A4%A')).toContain('sis.test');
  });
});
