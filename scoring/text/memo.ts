/**
 * A memo cache that stays bounded: when full it is simply cleared. Hot words (the few thousand that make up most
 * CVs) are back within a few documents, so a crude reset costs less than LRU bookkeeping on every lookup.
 */
export class BoundedMemo<V> {
  private readonly map = new Map<string, V>();

  constructor(
    private readonly compute: (key: string) => V,
    private readonly maxEntries = 50_000,
  ) {}

  get(key: string): V {
    const hit = this.map.get(key);
    if (hit !== undefined) return hit;
    const value = this.compute(key);
    if (this.map.size >= this.maxEntries) this.map.clear();
    this.map.set(key, value);
    return value;
  }

  get size(): number {
    return this.map.size;
  }
}
