/**
 * A set of ids kept as two independent 64-bit hashes each (four 32-bit lanes of one pass over the
 * id, each with its own seed and multiplier), in one open-addressing table of typed arrays: 16 bytes
 * an id plus the table's free slots (load kept between 3/8 and 3/4: 21 to 43 bytes an id), no string
 * and no Set entry per id, nothing for the garbage collector to trace.
 *
 * Exact in effect: two different ids are taken for the same one only if all 128 bits of their hashes
 * agree. For hashes that behave as random, the chance that a pull of n distinct ids meets any such
 * pair is at most n² / 2^129: about 1.5 × 10⁻²⁵ for ten million ids (docs/paging.md). The hashes are
 * not cryptographic: a provider could craft colliding ids on purpose, and would only hide its own
 * records from its own pull.
 */
export interface HashedIds {
  /** Adds the id; true when it was not in the set. */
  add(id: string): boolean;
  readonly size: number;
}

const LANES = 4;
const INITIAL_SLOTS = 1 << 12;
/** Grow when more than 3/4 of the slots are taken. */
const MAX_LOAD_NUMERATOR = 3;
const MAX_LOAD_DENOMINATOR = 4;

/** Odd 32-bit multipliers and seeds, one per lane (digits of π and e): lanes that do not move together. */
const MULTIPLIERS = [0x9e3779b1, 0x85ebca77, 0xc2b2ae3d, 0x27d4eb2f];
const SEEDS = [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344];

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
  let slots = INITIAL_SLOTS;
  // Four lanes per slot; a slot whose first lane is 0 is free (lane 0 is forced odd below).
  let table = new Uint32Array(slots * LANES);
  let size = 0;
  const lanes = new Uint32Array(LANES);

  const hashInto = (id: string): void => {
    let h0 = SEEDS[0]! ^ id.length;
    let h1 = SEEDS[1]! ^ id.length;
    let h2 = SEEDS[2]! ^ id.length;
    let h3 = SEEDS[3]! ^ id.length;
    for (let index = 0; index < id.length; index++) {
      const code = id.charCodeAt(index);
      h0 = Math.imul(h0 ^ code, MULTIPLIERS[0]!);
      h1 = Math.imul(h1 ^ code, MULTIPLIERS[1]!);
      h2 = Math.imul((h2 ^ code) + index, MULTIPLIERS[2]!);
      h3 = Math.imul(h3 ^ (code << 7), MULTIPLIERS[3]!);
    }
    lanes[0] = mix(h0) | 1;
    lanes[1] = mix(h1 ^ h0);
    lanes[2] = mix(h2);
    lanes[3] = mix(h3 ^ h2);
  };

  /** Slot of these lanes in `target`: theirs, or the free one where they belong. */
  const slotOf = (target: Uint32Array, slotCount: number, l0: number, l1: number, l2: number, l3: number) => {
    const mask = slotCount - 1;
    let slot = (l1 ^ l3) & mask;
    for (;;) {
      const at = slot * LANES;
      const first = target[at]!;
      if (first === 0) return slot;
      if (first === l0 && target[at + 1] === l1 && target[at + 2] === l2 && target[at + 3] === l3)
        return slot;
      slot = (slot + 1) & mask;
    }
  };

  const grow = (): void => {
    const nextSlots = slots * 2;
    const next = new Uint32Array(nextSlots * LANES);
    for (let slot = 0; slot < slots; slot++) {
      const at = slot * LANES;
      const l0 = table[at]!;
      if (l0 === 0) continue;
      const l1 = table[at + 1]!;
      const l2 = table[at + 2]!;
      const l3 = table[at + 3]!;
      const to = slotOf(next, nextSlots, l0, l1, l2, l3) * LANES;
      next[to] = l0;
      next[to + 1] = l1;
      next[to + 2] = l2;
      next[to + 3] = l3;
    }
    table = next;
    slots = nextSlots;
  };

  return {
    add(id) {
      hashInto(id);
      const l0 = lanes[0]!;
      const l1 = lanes[1]!;
      const l2 = lanes[2]!;
      const l3 = lanes[3]!;
      const at = slotOf(table, slots, l0, l1, l2, l3) * LANES;
      if (table[at] !== 0) return false;
      table[at] = l0;
      table[at + 1] = l1;
      table[at + 2] = l2;
      table[at + 3] = l3;
      size++;
      if (size * MAX_LOAD_DENOMINATOR > slots * MAX_LOAD_NUMERATOR) grow();
      return true;
    },
    get size() {
      return size;
    },
  };
}
