/**
 * A small seeded PRNG for synthetic data. Math.random cannot be seeded, and demos, tests and benchmarks need the
 * same seed to give byte-identical output on every run and machine, so everything random goes through here.
 */

const TWO_POW_32 = 4_294_967_296;

/** splitmix32 step: spreads nearby seeds (1, 2, 3, ...) over the whole state space before sfc32 starts. */
function splitmix32(state: number): [next: number, out: number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [next, (z ^ (z >>> 16)) >>> 0];
}

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): passes PractRand, 128 bits of state, and only uses
 * 32-bit integer ops, which V8 keeps in registers; several times faster than a crypto source.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `stream` separates independent sequences from one seed (e.g. candidates vs. job orders vs. CPR). */
  constructor(seed: number, stream = 0) {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
    // Both halves of the seed count, so 1 and 2**32 + 1 give different sequences.
    let state = (seed >>> 0) ^ Math.imul(Math.floor(seed / TWO_POW_32) | 0, 0x27d4eb2d);
    state = (state ^ Math.imul(stream, 0x165667b1)) | 0;
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [next, out] = splitmix32(state);
      state = next;
      words.push(out);
    }
    [this.a, this.b, this.c, this.d] = words as [number, number, number, number];
    // The first outputs of sfc32 are still correlated with the seed; the authors recommend discarding some.
    for (let i = 0; i < 15; i++) this.uint32();
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

  /** Uniform in [0, 1). 32 bits of resolution is plenty for picking and sampling. */
  float(): number {
    return this.uint32() / TWO_POW_32;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]!;
  }

  /** Standard normal by Box-Muller; 1 - u keeps the log argument in (0, 1]. */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.float();
    const v = this.float();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal given its median (not its mean): easier to reason about for durations. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }
}

/**
 * Items with weights, picked in O(log n): the cumulative sums are built once, so a pick is one random number and a
 * binary search, whatever the table size (the name lists have thousands of entries).
 */
export class WeightedTable<T> {
  readonly items: readonly T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(items: readonly T[], weights: readonly number[]) {
    if (items.length === 0 || items.length !== weights.length)
      throw new RangeError('a weighted table needs as many weights as items, and at least one');
    this.items = items;
    this.cumulative = new Float64Array(items.length);
    let sum = 0;
    for (let i = 0; i < items.length; i++) {
      const w = weights[i]!;
      if (!(w >= 0)) throw new RangeError(`weight ${i} must be >= 0, got ${w}`);
      sum += w;
      this.cumulative[i] = sum;
    }
    if (sum <= 0) throw new RangeError('weights must not all be 0');
    this.total = sum;
  }

  /** Builds a table from [item, weight] pairs, the form data files are easiest to write in. */
  static of<T>(pairs: readonly (readonly [T, number])[]): WeightedTable<T> {
    return new WeightedTable(
      pairs.map((p) => p[0]),
      pairs.map((p) => p[1]),
    );
  }

  pickIndex(rng: Random): number {
    const target = rng.float() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  pick(rng: Random): T {
    return this.items[this.pickIndex(rng)]!;
  }
}

/** One-letter slip ('truckcertfikat'): a dropped, doubled or swapped letter, never the first one. */
export function typo(rng: Random, word: string): string {
  if (word.length < 6) return word;
  const i = rng.int(1, word.length - 2);
  const ch = word.charAt(i);
  const next = word.charAt(i + 1);
  if (ch === ' ' || ch === '-' || next === ' ' || next === '-') return word;
  const kind = rng.int(0, 2);
  if (kind === 0) return word.slice(0, i) + word.slice(i + 1);
  if (kind === 1) return word.slice(0, i) + ch + word.slice(i);
  return word.slice(0, i) + next + ch + word.slice(i + 2);
}

/** Up to `count` distinct indices from a weighted table (tables here hold at most a few dozen items). */
export function pickDistinct(
  rng: Random,
  table: WeightedTable<number>,
  count: number,
  exclude = 0,
): number[] {
  const out: number[] = [];
  let used = exclude;
  const n = table.items.length;
  for (let attempts = 0; out.length < count && attempts < count * 8; attempts++) {
    const i = table.pick(rng);
    if (used & (1 << i)) continue;
    used |= 1 << i;
    out.push(i);
  }
  // Rejection can run dry on short lists; fill from the top so the count is still met when possible.
  for (let i = 0; out.length < count && i < n; i++) {
    if (!(used & (1 << i))) {
      used |= 1 << i;
      out.push(i);
    }
  }
  return out;
}

export function bitmask(indices: readonly number[]): number {
  let m = 0;
  for (const i of indices) m |= 1 << i;
  return m;
}
