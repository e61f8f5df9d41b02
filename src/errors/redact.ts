/** Query parameters whose values are secrets: OAuth 1.0a parameters and tokens some providers put in URLs. */
const SECRET_PARAMETER =
  /^(oauth_.*|access_token|token|client_secret|client_id|password|api_key|apikey|key|secret)$/i;

/** A quoted filter value: may be a person's name or email, so errors and events never show it. */
const QUOTED_VALUE = /'[^']*'/g;

/** Datetimes are not personal data and make delta filters debuggable. */
const DATETIME_VALUE = /^'\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?'$/;

function redactFilter(filter: string): string {
  return filter.replace(QUOTED_VALUE, (quoted) => (DATETIME_VALUE.test(quoted) ? quoted : "'[redacted]'"));
}

/**
 * Returns the URL as it may appear in an error, an event or a log line: no user info, no secret
 * query parameters, and no filter values other than datetimes.
 */
export function redactUrl(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = new URL(String(url));
  } catch {
    return '[unparseable url]';
  }
  parsed.username = '';
  parsed.password = '';
  const pairs = parsed.search.length > 1 ? parsed.search.slice(1).split('&') : [];
  const kept = pairs.map((pair) => {
    const separator = pair.indexOf('=');
    const rawName = separator === -1 ? pair : pair.slice(0, separator);
    const name = safeDecode(rawName);
    if (SECRET_PARAMETER.test(name)) return `${rawName}=[redacted]`;
    if (name === 'filter' && separator !== -1) {
      return `${rawName}=${encodeURIComponent(redactFilter(safeDecode(pair.slice(separator + 1))))}`;
    }
    return pair;
  });
  parsed.search = kept.length > 0 ? `?${kept.join('&')}` : '';
  return parsed.toString();
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Shorter values could be ordinary words; the credentials we scrub are far longer. */
const MIN_SECRET_LENGTH = 6;

/**
 * Scrubs text a provider wrote (an imsx description) before it enters an error: providers echo the
 * refused token or the filter back, so each known secret and every quoted value other than a
 * datetime is replaced by `[redacted]`.
 */
export function redactText(text: string, secrets: readonly string[]): string {
  let scrubbed = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH) scrubbed = scrubbed.split(secret).join('[redacted]');
  }
  return redactFilter(scrubbed);
}

/** The secret parts of authorization headers: the whole value, the token after its scheme, each OAuth parameter. */
export function secretsOfHeaders(headers: Record<string, string>): string[] {
  const secrets: string[] = [];
  for (const value of Object.values(headers)) {
    secrets.push(value);
    const token = /^\S+\s+(.+)$/.exec(value)?.[1];
    if (token) secrets.push(token);
    for (const match of value.matchAll(/="([^"]*)"/g)) {
      if (match[1]) secrets.push(match[1], safeDecode(match[1]));
    }
  }
  return secrets.sort((a, b) => b.length - a.length);
}
