/**
 * A set of ids kept as a 95-bit hash each (three 32-bit lanes of one pass over the id, each with its
 * own seed and multiplier, the first forced odd to mark a taken slot), in open-addressing tables of
 * typed arrays: 12 bytes an id plus the tables' free slots (load kept between 3/8 and 3/4: 16 to 32
 * bytes an id), no string and no Set entry per id, nothing for the garbage collector to trace. A
 * fourth lane (16 bytes an id) cost 8 MB more per million ids for a safety margin nobody needs. The ids are spread over
 * {@link SEGMENTS} tables by their hash, each doubling on its own, so growing holds the old and new
 * copies of one 64th of the set at a time rather than of all of it (a single table peaked at 1.5
 * times its size while it doubled).
 *
 * Exact in effect: two different ids are taken for the same one only if all 95 bits of their hashes
 * agree. For hashes that behave as random, the chance that a pull of n distinct ids meets any such
 * pair is at most n² / 2^96: about 1.3 × 10⁻¹⁵ for ten million ids (docs/paging.md). The hashes are
 * not cryptographic: a provider could craft colliding ids on purpose, and would only hide its own
 * records from its own pull.
 */
export interface HashedIds {
  /** Adds the id; true when it was not in the set. */
  add(id: string): boolean;
  readonly size: number;
}

const LANES = 3;
const SEGMENT_BITS = 6;
const SEGMENTS = 1 << SEGMENT_BITS;
const INITIAL_SLOTS_PER_SEGMENT = 1 << 6;
/** Grow when more than 3/4 of the slots are taken. */
const MAX_LOAD_NUMERATOR = 3;
const MAX_LOAD_DENOMINATOR = 4;

/** Odd 32-bit multipliers and seeds, one per lane (digits of π and e): lanes that do not move together. */
const MULTIPLIERS = [0x9e3779b1, 0x85ebca77, 0xc2b2ae3d];
const SEEDS = [0x243f6a88, 0x85a308d3, 0x13198a2e];

/** murmur3's finaliser: every input bit flips each output bit with probability about 1/2. */
function mix(hash: number): number {
  let h = hash;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function createHashedIds(): HashedIds {
  // Three lanes per slot; a slot whose first lane is 0 is free (lane 0 is forced odd below). A
  // segment is picked by the top bits of lane 2, a slot within it by the low bits of lane 1.
  const tables = Array.from({ length: SEGMENTS }, () => new Uint32Array(INITIAL_SLOTS_PER_SEGMENT * LANES));
  const sizes = new Uint32Array(SEGMENTS);
  let size = 0;
  const lanes = new Uint32Array(LANES);

  const hashInto = (id: string): void => {
    let h0 = SEEDS[0]! ^ id.length;
    let h1 = SEEDS[1]! ^ id.length;
    let h2 = SEEDS[2]! ^ id.length;
    for (let index = 0; index < id.length; index++) {
      const code = id.charCodeAt(index);
      h0 = Math.imul(h0 ^ code, MULTIPLIERS[0]!);
      h1 = Math.imul(h1 ^ code, MULTIPLIERS[1]!);
      // Shifted and position-salted: lane 2 differs from the others in where each code lands.
      h2 = Math.imul((h2 ^ (code << 7)) + index, MULTIPLIERS[2]!);
    }
    lanes[0] = mix(h0) | 1;
    lanes[1] = mix(h1 ^ h0);
    lanes[2] = mix(h2 ^ h1);
  };

  /** Slot of these lanes in `target`: theirs, or the free one where they belong. */
  const slotOf = (target: Uint32Array, slotCount: number, l0: number, l1: number, l2: number) => {
    const mask = slotCount - 1;
    let slot = l1 & mask;
    for (;;) {
      const at = slot * LANES;
      const first = target[at]!;
      if (first === 0) return slot;
      if (first === l0 && target[at + 1] === l1 && target[at + 2] === l2) return slot;
      slot = (slot + 1) & mask;
    }
  };

  const grow = (segment: number): void => {
    const table = tables[segment]!;
    const slots = table.length / LANES;
    const nextSlots = slots * 2;
    const next = new Uint32Array(nextSlots * LANES);
    for (let slot = 0; slot < slots; slot++) {
      const at = slot * LANES;
      const l0 = table[at]!;
      if (l0 === 0) continue;
      const l1 = table[at + 1]!;
      const l2 = table[at + 2]!;
      const to = slotOf(next, nextSlots, l0, l1, l2) * LANES;
      next[to] = l0;
      next[to + 1] = l1;
      next[to + 2] = l2;
    }
    tables[segment] = next;
  };

  return {
    add(id) {
      hashInto(id);
      const l0 = lanes[0]!;
      const l1 = lanes[1]!;
      const l2 = lanes[2]!;
      const segment = l2 >>> (32 - SEGMENT_BITS);
      const table = tables[segment]!;
      const slots = table.length / LANES;
      const at = slotOf(table, slots, l0, l1, l2) * LANES;
      if (table[at] !== 0) return false;
      table[at] = l0;
      table[at + 1] = l1;
      table[at + 2] = l2;
      size++;
      const held = ++sizes[segment]!;
      if (held * MAX_LOAD_DENOMINATOR > slots * MAX_LOAD_NUMERATOR) grow(segment);
      return true;
    },
    get size() {
      return size;
    },
  };
}
