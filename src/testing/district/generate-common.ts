/** Values shared by the record generators: district identity, dates, base record fields. */
import type { DistrictShape } from './district-options.js';
import { CITIES, toAsciiHandle } from './names.js';
import { type RecordRandom, recordRandom, STREAM } from './prng.js';

/** The district's name and e-mail domain, from the seed. */
export interface DistrictIdentity {
  readonly city: string;
  readonly name: string;
  readonly emailDomain: string;
}

/** Identities already derived, per shape: users ask for the e-mail domain once per record. */
const identities = new WeakMap<DistrictShape, DistrictIdentity>();

/** Derives the district's identity. */
export function districtIdentity(shape: DistrictShape): DistrictIdentity {
  const cached = identities.get(shape);
  if (cached !== undefined) return cached;
  const city = recordRandom(shape.seed, STREAM.district, 0).pick(CITIES);
  const identity = {
    city,
    name: `${city} Unified School District`,
    emailDomain: `${toAsciiHandle(city)}.k12.example.org`,
  };
  identities.set(shape, identity);
  return identity;
}

/** A `dateLastModified` inside the base window: records were created by the summer roll-over. */
export function baseModified(shape: DistrictShape, random: RecordRandom): string {
  const spanMs = shape.baseModifiedToMs - shape.baseModifiedFromMs;
  return new Date(shape.baseModifiedFromMs + random.int(spanMs)).toISOString();
}

/** `YYYY-MM-DD` of a UTC instant. */
export function isoDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** First and last day of the school year, as epoch milliseconds. */
export function schoolYearBounds(shape: DistrictShape): { startMs: number; endMs: number } {
  return { startMs: Date.UTC(shape.schoolYear - 1, 7, 15), endMs: Date.UTC(shape.schoolYear, 5, 15) };
}

/** Day of the school year's calendar at which `part` of `parts` starts (parts split the year evenly). */
export function splitYear(
  shape: DistrictShape,
  part: number,
  parts: number,
): { startMs: number; endMs: number } {
  const { startMs, endMs } = schoolYearBounds(shape);
  const dayMs = 86_400_000;
  const days = Math.round((endMs - startMs) / dayMs);
  const from = startMs + Math.round((days * part) / parts) * dayMs;
  const to = startMs + Math.round((days * (part + 1)) / parts) * dayMs - (part + 1 < parts ? dayMs : 0);
  return { startMs: from, endMs: to };
}

/** `YYYY-MM-DD` bounds of term spans, per shape and span (first term, last term). */
const termSpans = new WeakMap<DistrictShape, Map<string, { beginDate: string; endDate: string }>>();

/** Begin and end dates of a run of terms, cached: every enrollment asks. */
export function termSpanDates(
  shape: DistrictShape,
  firstTerm: number,
  lastTerm: number,
): { beginDate: string; endDate: string } {
  let spans = termSpans.get(shape);
  if (spans === undefined) {
    spans = new Map();
    termSpans.set(shape, spans);
  }
  const key = `${firstTerm}:${lastTerm}`;
  let span = spans.get(key);
  if (span === undefined) {
    span = {
      beginDate: isoDate(splitYear(shape, firstTerm, shape.termsPerYear).startMs),
      endDate: isoDate(splitYear(shape, lastTerm, shape.termsPerYear).endMs),
    };
    spans.set(key, span);
  }
  return span;
}

/** Random source of a record, from the district seed. */
export function randomFor(shape: DistrictShape, stream: number, index: number): RecordRandom {
  return recordRandom(shape.seed, stream, index);
}
