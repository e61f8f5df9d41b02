/** Query parameters whose values are secrets: OAuth 1.0a parameters and tokens some providers put in URLs. */
const SECRET_PARAMETER =
  /^(oauth_.*|access_token|token|client_secret|client_id|password|api_key|apikey|key|secret)$/i;

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

const REDACTED = '[redacted]';

/** What a request sent that must not come back in an error: its credentials and its filter. */
export interface SentValues {
  /** Credentials as sent: a token, a client secret, an OAuth 1.0a signature, Basic credentials. */
  secrets?: readonly string[];
  /** The request's filter; its values (other than datetimes) may be a name or an email. */
  filter?: string;
}

/**
 * The credential after an HTTP auth scheme (RFC 6750 `Bearer`, RFC 7617 `Basic`), in the token68
 * alphabet. A plain word after the scheme ("Bearer token expired", "Basic auth is off") is prose.
 */
const SCHEME_CREDENTIAL = /\b(Bearer|Basic)(\s+)([\w\-.~+/]+=*)/gi;
const PLAIN_WORD = /^[A-Za-z][a-z]*$/;

/** A value after `=` or `:`: quoted, or up to the next separator. */
const ASSIGNED_VALUE = String.raw`("[^"]*"|'[^']*'|[^\s&,;"'}]+)`;
/** OAuth 1.0a parameters (`oauth_signature="..."`) and credentials providers echo as `name=value`. */
const CREDENTIAL_NAMES = String.raw`oauth_\w+|access_token|refresh_token|id_token|client_secret|client_id|client_assertion|password|api_?key|secret|token`;
/** A name that says its value is a credential, whatever the value looks like. */
const CREDENTIAL_NAME = new RegExp(`^(${CREDENTIAL_NAMES})$`, 'i');
const ASSIGNED_CREDENTIAL = new RegExp(String.raw`\b(${CREDENTIAL_NAMES})(\s*=\s*)${ASSIGNED_VALUE}`, 'gi');
/** The same in JSON (`"access_token":"..."`); a bare `token: ...` in prose is left alone. */
const JSON_CREDENTIAL = new RegExp(String.raw`(["'])(${CREDENTIAL_NAMES})\1(\s*:\s*)${ASSIGNED_VALUE}`, 'gi');
/** A JWT (an OAuth 2.0 access token, usually), recognisable without its scheme: `eyJ...` header. */
const JWT = /\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g;
/** An email address, also percent-encoded (`%40`) as it is in an echoed query string. */
const EMAIL = /[\p{L}\p{N}._%+-]+(?:@|%40)[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

/**
 * A value in quotes: `'...'`, `"..."`, backticks or typographic quotes. A quote opens only where it
 * does not follow a letter or digit and closes only where none follows, so the apostrophes of
 * `can't` or `'O'Brien'` do not pair with the quotes around a value.
 */
const QUOTED =
  /(?<![\p{L}\p{N}])(?:'([\s\S]*?)'|"([\s\S]*?)"|`([\s\S]*?)`|‘([\s\S]*?)’|“([\s\S]*?)”)(?![\p{L}\p{N}])/gu;

/** Datetimes and dates are not personal data and make delta filters debuggable. */
const DATETIME = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;
/** A field name or a code: `familyName`, `nope`, `invalid_filter_field`. Names start with a capital. */
const IDENTIFIER = /^[a-z_][A-Za-z0-9_]*$/;
/**
 * Field names are short and hold few digits; tokens, student numbers and hashes hold many. 40
 * characters is twice a long OneRoster field name (`userMasterIdentifier`).
 */
const MAX_IDENTIFIER_LENGTH = 40;
const MAX_IDENTIFIER_DIGITS = 3;
/** A limit, an offset or a version (`'5000'`, `'1.1'`); longer digit runs are ids or phone numbers. */
const SMALL_NUMBER = /^\d{1,5}(\.\d{1,5})?$/;
/** A scope or an endpoint: no user info, no query string, no fragment, so no credential can ride in it. */
const PLAIN_URL = /^https?:\/\/[^\s@?#]+$/;
/**
 * OneRoster fields that hold objects or lists of them, so a dotted path (`orgs.sourcedId`,
 * `metadata.stateId`) names a field; `jane.doe` (a username) does not start with one.
 */
const OBJECT_FIELDS = new Set([
  'metadata',
  'org',
  'orgs',
  'parent',
  'children',
  'agents',
  'userIds',
  'user',
  'class',
  'classes',
  'course',
  'school',
  'schoolYear',
  'terms',
  'academicSession',
  'gradingPeriod',
  'gradingPeriods',
  'resources',
]);

function isFieldLike(text: string): boolean {
  if (text.length > MAX_IDENTIFIER_LENGTH) return false;
  if ((text.match(/\d/g)?.length ?? 0) > MAX_IDENTIFIER_DIGITS) return false;
  const [head = '', ...rest] = text.split('.');
  if (rest.length === 0) return IDENTIFIER.test(head);
  return OBJECT_FIELDS.has(head) && rest.every((segment) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(segment));
}

/**
 * True for quoted text a user needs to act on and that cannot be a person's data: empty, a datetime,
 * a small number, a scope or endpoint URL, or a field name (see {@link isFieldLike}). Everything
 * else is a value: text with a space or an `@`, a capitalised word (`'Smith'`), an id with dashes or
 * many digits, and it is redacted.
 */
/** An option as the SDK's hints spell it (`version: '1.2'`, `pageSize=500`): a name and its value. */
const OPTION_ASSIGNMENT = /^([a-z_][A-Za-z0-9_]*)\s*[:=]\s*(?:'([^']*)'|"([^"]*)"|([^\s'"]*))$/;

function keepsQuoted(text: string): boolean {
  if (
    text === '' ||
    DATETIME.test(text) ||
    SMALL_NUMBER.test(text) ||
    PLAIN_URL.test(text) ||
    isFieldLike(text)
  ) {
    return true;
  }
  // A hint naming an option and its value is kept when both parts are: the value is checked alone.
  const option = OPTION_ASSIGNMENT.exec(text);
  const name = option?.[1] ?? '';
  if (option === null || !isFieldLike(name) || CREDENTIAL_NAME.test(name)) return false;
  const value = option[2] ?? option[3] ?? option[4] ?? '';
  return value !== '' && keepsQuoted(value);
}

/** Each way a sent value may be echoed: as sent, percent-encoded, form-encoded. */
function spellingsOf(value: string): string[] {
  const encoded = encodeURIComponent(value);
  return [value, encoded, encoded.replace(/%20/g, '+')];
}

/** Replaces the values the request sent, longest first so a value inside another goes with it. */
function redactSent(text: string, sent: SentValues): string {
  const secrets = (sent.secrets ?? []).filter((secret) => secret.length >= MIN_SECRET_LENGTH);
  const values = filterValues(sent.filter).filter((value) => value.length > 1);
  const spellings = [...new Set([...secrets, ...values].flatMap(spellingsOf))];
  let scrubbed = text;
  for (const spelling of spellings.sort((a, b) => b.length - a.length)) {
    scrubbed = scrubbed.split(spelling).join(REDACTED);
  }
  // A description cut to its maximum length may end inside a secret: the part left is still secret.
  // A plain word is not (a text ending in "Bearer" is not the start of the header `Bearer <token>`).
  for (const secret of secrets) {
    for (
      let start = Math.max(0, scrubbed.length - secret.length + 1);
      start <= scrubbed.length - MIN_SECRET_LENGTH;
      start++
    ) {
      const tail = scrubbed.slice(start);
      if (secret.startsWith(tail) && !PLAIN_WORD.test(tail)) {
        scrubbed = `${scrubbed.slice(0, start)}${REDACTED}`;
        break;
      }
    }
  }
  return scrubbed;
}

function redactAssigned(value: string): string {
  if (value.startsWith('"')) return `"${REDACTED}"`;
  if (value.startsWith("'")) return `'${REDACTED}'`;
  return REDACTED;
}

/**
 * Scrubs text a provider wrote (an imsx description, a codeMinor) before it enters an error, an
 * event or the CLI's output. It redacts values, not words, so a description stays actionable:
 *
 * 1. everything the request sent that is secret: each credential in `secrets` (also percent- and
 *    form-encoded, and a truncated tail of one) and each value of `filter` other than datetimes;
 * 2. credentials by shape, even when they were not passed: `Bearer <x>`, `Basic <x>`,
 *    `oauth_signature="..."` and every other `oauth_*` parameter, `access_token=`, `client_secret=`,
 *    `password=`, `token=` (also as JSON members), and JWTs;
 * 3. email addresses anywhere, quoted or not, plain or percent-encoded;
 * 4. quoted values (`'...'`, `"..."`, backticks, typographic quotes), except what cannot be personal
 *    data and is what a user needs: field names (`'familyName'`, `'nope'`, `'orgs.sourcedId'`:
 *    starting lower-case, at most 40 characters and 3 digits), datetimes, small numbers (`'5000'`)
 *    and URLs without credentials (scope URLs).
 *
 * Unquoted words other than emails and credentials are kept: a name echoed bare ("No user John
 * Smith") cannot be told from prose by its shape. It is caught when it is what the filter asked for,
 * which is what providers echo; pass the request's `filter`. Idempotent: redacting twice changes
 * nothing more.
 *
 * @example
 * redactText("Field 'nope' unknown for jane@school.test", {}); // "Field 'nope' unknown for [redacted]"
 */
export function redactText(text: string, sent: SentValues = {}): string {
  return redactSent(text, sent)
    .replace(SCHEME_CREDENTIAL, (match, scheme: string, space: string, credential: string) =>
      PLAIN_WORD.test(credential) ? match : `${scheme}${space}${REDACTED}`,
    )
    .replace(ASSIGNED_CREDENTIAL, (_match, name: string, separator: string, value: string) => {
      return `${name}${separator}${redactAssigned(value)}`;
    })
    .replace(JSON_CREDENTIAL, (_match, quote: string, name: string, separator: string, value: string) => {
      return `${quote}${name}${quote}${separator}${redactAssigned(value)}`;
    })
    .replace(JWT, REDACTED)
    .replace(EMAIL, REDACTED)
    .replace(QUOTED, (match, ...groups: unknown[]) => {
      const content = groups.slice(0, 5).find((group): group is string => typeof group === 'string') ?? '';
      return keepsQuoted(content) ? match : `${match[0]}${REDACTED}${match.at(-1)}`;
    });
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
