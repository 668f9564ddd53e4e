/**
 * Seeded pseudo-random numbers for the synthetic dataset. Math.random cannot be
 * seeded, so it could never give the same dataset twice; sfc32 (Chris
 * Doty-Humphrey's Small Fast Counting generator) is tiny, fast in plain
 * JavaScript integer arithmetic, and has a 128-bit state, so streams started
 * from different seeds do not overlap the way single-word generators
 * (mulberry32) do.
 */

/** MurmurHash3's 32-bit finaliser: a bijection on 32-bit integers that spreads every input bit. */
export function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Combines integers (a user seed, a chunk index, a purpose tag) into one 32-bit
 * seed. Numbers beyond 32 bits contribute their high word too, so seeds 1 and
 * 2^32 + 1 differ.
 */
export function combineSeeds(...parts: readonly number[]): number {
  let hash = 0x811c9dc5;
  for (const part of parts) {
    const whole = Math.trunc(part);
    const low = whole >>> 0;
    const high = Math.floor(whole / 0x1_0000_0000) >>> 0;
    hash = fmix32((hash ^ fmix32(low)) + 0x9e3779b9);
    hash = fmix32((hash ^ fmix32(high)) + 0x7f4a7c15);
  }
  return hash;
}

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // splitmix32 expands one 32-bit seed into four well-mixed state words.
    let state = seed >>> 0;
    const nextWord = (): number => {
      state = (state + 0x9e3779b9) | 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      return (z ^ (z >>> 15)) >>> 0;
    };
    this.a = nextWord();
    this.b = nextWord();
    this.c = nextWord();
    this.d = nextWord();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 0x1_0000_0000;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** A count of events with the given mean: 0, 1, 2, ... with geometrically falling odds. */
  count(mean: number): number {
    const continueProbability = mean / (1 + mean);
    let count = 0;
    while (this.next() < continueProbability) count++;
    return count;
  }
}

/** Picks items in proportion to their weights (binary search over cumulative weights). */
export class WeightedChoice<T> {
  private readonly items: T[];
  private readonly cumulative: number[];

  constructor(entries: readonly (readonly [T, number])[]) {
    if (entries.length === 0) throw new Error("WeightedChoice needs at least one entry");
    this.items = entries.map(([item]) => item);
    let total = 0;
    this.cumulative = entries.map(([, weight]) => (total += weight));
  }

  pick(rng: Prng): T {
    const target = rng.next() * this.cumulative[this.cumulative.length - 1];
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.cumulative[middle] > target) high = middle;
      else low = middle + 1;
    }
    return this.items[low];
  }
}
