/** The leak scan: credentials and the district's personal data must never reach what an app logs. */
import type { District } from '../../src/testing/index.js';

/**
 * A marker word in every configured secret: found in the output, it is a leak whatever encoding the
 * secret went through.
 */
export const SECRET_MARKER = 'Walrus';
/** A secret whose every encoding differs (space, `!*'()`, `/+=`). */
export const CLIENT_SECRET = `cs_Reliability ${SECRET_MARKER}!*'()/+=~7`;
export const CONSUMER_SECRET = `oauth1 ${SECRET_MARKER} secret!*'()`;

/** Everything in the district that must never be logged: names, emails and passwords of its people. */
export function personalData(district: District): string[] {
  const values = new Set<string>();
  for (const user of district.records('users')) {
    for (const field of ['givenName', 'familyName', 'email', 'password'] as const) {
      const value = user[field];
      if (typeof value === 'string' && value.length > 1) values.add(value);
    }
  }
  return [...values];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Finds forbidden values in captured text; a name matches as a whole word, case-sensitively. */
export function findLeaks(output: readonly string[], secrets: readonly string[], names: readonly string[]) {
  const leaks: { value: string; in: string }[] = [];
  const patterns = names.map((name) => ({
    value: name,
    pattern: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'u'),
  }));
  for (const text of output) {
    for (const secret of secrets) {
      if (secret.length >= 6 && text.includes(secret)) leaks.push({ value: secret, in: text.slice(0, 300) });
    }
    for (const { value, pattern } of patterns) {
      if (pattern.test(text)) leaks.push({ value, in: text.slice(0, 300) });
    }
  }
  return leaks;
}

/** Every form a secret may take on its way out: raw, percent- and form-encoded, in Basic credentials. */
export function encodingsOf(secret: string): string[] {
  const percent = encodeURIComponent(secret).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return [secret, percent, percent.replace(/%20/g, '+'), encodeURIComponent(secret)];
}
