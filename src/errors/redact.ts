/** Query parameters whose values are secrets: OAuth 1.0a parameters and tokens some providers put in URLs. */
const SECRET_PARAMETER =
  /^(oauth_.*|access_token|token|client_secret|client_id|password|api_key|apikey|key|secret)$/i;

/** A quoted filter value: may be a person's name or email, so errors and events never show it. */
const QUOTED_VALUE = /'[^']*'/g;

/** Datetimes are not personal data and make delta filters debuggable. */
const DATETIME_VALUE = /^'\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?'$/;

/** A filter clause: field, operator, value (spec grammar; the value is taken whole, quotes and all). */
const CLAUSE = /^(\s*[A-Za-z_][\w.]*\s*)(!=|>=|<=|=|>|<|~)(.*)$/s;
/** Clauses are joined by one logical operator (spec: at most two clauses in 1.1; more in 1.2). */
const LOGICAL = /( AND | OR )/;

/**
 * Redacts every clause's value from its operator on, so a raw filter whose quotes do not pair
 * (`familyName='O'Brien'`) cannot shift the redaction onto the next clause. A filter that does not
 * parse as clauses is redacted whole.
 */
function redactFilter(filter: string): string {
  const parts = filter.split(LOGICAL);
  const redacted: string[] = [];
  for (const [index, part] of parts.entries()) {
    if (index % 2 === 1) {
      redacted.push(part);
      continue;
    }
    const clause = CLAUSE.exec(part);
    if (!clause) return '[redacted]';
    const value = clause[3]!.trim();
    redacted.push(`${clause[1]}${clause[2]}${DATETIME_VALUE.test(value) ? value : "'[redacted]'"}`);
  }
  return redacted.join('');
}

/** The values a filter sends (quotes removed), other than datetimes: what must not appear in errors. */
export function filterValues(filter: string | undefined): string[] {
  if (!filter) return [];
  const values: string[] = [];
  for (const part of filter.split(LOGICAL)) {
    const value = CLAUSE.exec(part)?.[3]?.trim();
    if (value === undefined || DATETIME_VALUE.test(value)) continue;
    values.push(value, value.replace(/^'|'$/g, ''));
  }
  return values;
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

/** Shorter credentials could be ordinary words; tokens and secrets are far longer. */
const MIN_SECRET_LENGTH = 6;

/**
 * Scrubs text a provider wrote (an imsx description) before it enters an error. Providers echo the
 * refused token or the filter back, quoted or not, so each credential sent, each filter value sent,
 * and every quoted value other than a datetime is replaced by `[redacted]`.
 */
export function redactText(
  text: string,
  sent: { secrets?: readonly string[]; filter?: string } = {},
): string {
  let scrubbed = text;
  const secrets = (sent.secrets ?? []).filter((secret) => secret.length >= MIN_SECRET_LENGTH);
  const values = filterValues(sent.filter).filter((value) => value.length > 1);
  for (const secret of [...secrets, ...values].sort((a, b) => b.length - a.length)) {
    scrubbed = scrubbed.split(secret).join('[redacted]');
  }
  return scrubbed.replace(QUOTED_VALUE, (quoted) => (DATETIME_VALUE.test(quoted) ? quoted : "'[redacted]'"));
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
  return secrets;
}
