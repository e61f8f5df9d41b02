/**
 * Date and datetime readers. OneRoster datetimes are ISO 8601 UTC (digest "Data model"); providers send
 * them with or without milliseconds, with offsets, and sometimes as a bare date.
 */

const MS_PER_MINUTE = 60_000;

/** year-month-day, then optionally a time (minutes, seconds and fraction optional) and a zone. */
const DATETIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:([Tt ])(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2})?)?)?$/;

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const DATE_PREFIX_PATTERN = /^(\d{4}-\d{2}-\d{2})[Tt ]\d{2}:\d{2}/;

/** The number written by `count` ASCII digits at `start`, or -1 when one is not a digit. */
function readDigits(text: string, start: number, count: number): number {
  let result = 0;
  for (let index = start; index < start + count; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    result = result * 10 + digit;
  }
  return result;
}

/**
 * Fast path for the forms nearly every provider sends, `YYYY-MM-DDTHH:mm:ss[.fraction]Z`: checked
 * character by character and rebuilt without a `Date`. `null` means "not this form, take the slow path";
 * `undefined` means "this form, but not a real date".
 */
function readUtcDateTime(text: string): string | undefined | null {
  const length = text.length;
  if (length < 20 || text.charCodeAt(length - 1) !== 90 /* Z */ || text.charCodeAt(10) !== 84 /* T */)
    return null;
  if (text[4] !== '-' || text[7] !== '-' || text[13] !== ':' || text[16] !== ':') return null;
  if (length > 20 && (text[19] !== '.' || length === 21 || readDigits(text, 20, length - 21) < 0))
    return null;
  const year = readDigits(text, 0, 4);
  const month = readDigits(text, 5, 2);
  const day = readDigits(text, 8, 2);
  const hour = readDigits(text, 11, 2);
  const minute = readDigits(text, 14, 2);
  const second = readDigits(text, 17, 2);
  if (year < 0 || hour < 0 || minute < 0 || second < 0) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  if (length === 24) return text;
  const fraction = length === 20 ? '000' : text.slice(20, Math.min(23, length - 1)).padEnd(3, '0');
  return `${text.slice(0, 19)}.${fraction}Z`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Turns a datetime into the canonical form `YYYY-MM-DDTHH:mm:ss.sssZ` (what `Date#toISOString`
 * gives), so stored `dateLastModified` watermarks compare correctly as strings.
 *
 * Both modes: seconds with or without a fraction, `Z` or a `±HH:MM`/`±HHMM` offset (converted to UTC).
 * Lenient mode also: a date only (`2026-01-02` is midnight UTC), no seconds, a space instead of `T`,
 * no zone (read as UTC, as the spec says datetimes are), `±HH` offsets.
 * Fractions finer than milliseconds are truncated, never rounded up: a watermark slightly earlier than
 * the real one re-reads a record, a later one could skip it.
 *
 * @returns the canonical string, or `undefined` when the value is not an acceptable datetime
 * @example toCanonicalDateTime('2026-01-02T03:04:05+01:00', false) // '2026-01-02T02:04:05.000Z'
 */
export function toCanonicalDateTime(value: unknown, lenient: boolean): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = lenient ? value.trim() : value;
  const fast = readUtcDateTime(text);
  if (fast !== null) return fast;
  const match = DATETIME_PATTERN.exec(text);
  if (match === null) return undefined;
  const [, y, mo, d, separator, h, mi, s, fraction, zulu, sign, offsetHours, offsetMinutes] = match;
  const hasZone = zulu !== undefined || sign !== undefined;
  if (!lenient && (separator !== 'T' || s === undefined || !hasZone || (sign && !offsetMinutes))) {
    return undefined;
  }
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  const offset = sign === undefined ? 0 : Number(offsetHours) * 60 + Number(offsetMinutes ?? '0');
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59 || offset > 18 * 60 || Number(offsetMinutes ?? '0') > 59) {
    return undefined;
  }
  const milliseconds = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, milliseconds);
  const utc = date.getTime() - (sign === '-' ? -offset : offset) * MS_PER_MINUTE;
  return new Date(utc).toISOString();
}

/**
 * Reads a `YYYY-MM-DD` date field (session bounds, enrollment dates, birth dates). Lenient mode also
 * takes the date part of a datetime (`2026-08-15T00:00:00Z` → `2026-08-15`) as written, without
 * moving it to UTC: such values are midnight in the district's zone, and converting them would shift
 * the day.
 *
 * @returns the date, or `undefined` when the value is not one (the schema then rejects it)
 */
export function toIsoDate(value: unknown, lenient: boolean): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (DATE_PATTERN.test(value)) return value;
  if (!lenient) return undefined;
  const match = DATE_PREFIX_PATTERN.exec(value.trim());
  return match === null ? undefined : match[1];
}
