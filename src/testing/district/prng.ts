/**
 * Seeded randomness derived per record, so any record is computable alone from
 * (seed, stream, index): no generator state is carried from one record to the next.
 */

/** murmur3's 32-bit finaliser: consecutive inputs come out decorrelated. */
export function mix32(value: number): number {
  let hash = value >>> 0;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** A 32-bit hash of a string (FNV-1a, then mixed): for ids the arithmetic layout never minted. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return mix32(hash);
}

/** A small random source for one record. */
export interface RecordRandom {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, bound). */
  int(bound: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** True with the given probability. */
  chance(probability: number): boolean;
}

/** Builds the random source of record `index` of `stream` (one stream per collection) for `seed`. */
export function recordRandom(seed: number, stream: number, index: number): RecordRandom {
  // mulberry32 seeded from a hash of the coordinates.
  let state = mix32(mix32(seed ^ Math.imul(stream + 1, 0x9e3779b9)) + mix32(index + 0x6d2b79f5));
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (bound: number): number => Math.floor(next() * bound);
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[int(items.length)]!,
    chance: (probability: number): boolean => next() < probability,
  };
}

/** Random streams, one per generated concept, so adding a field to one collection never shifts another. */
export const STREAM = {
  district: 0,
  orgs: 1,
  academicSessions: 2,
  courses: 3,
  classes: 4,
  users: 5,
  enrollments: 6,
  demographics: 7,
  drift: 8,
  usersV1p2: 9,
} as const;
