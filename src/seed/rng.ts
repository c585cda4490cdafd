/**
 * The seeded pseudo-random source of all generated data. Every stream is derived from
 * (seed, label, index), so person i is the same whatever the batch size or the order in
 * which other streams were drawn. Not for secrets: passwords and nonces use node:crypto.
 */

/** 32-bit avalanche (the finaliser of MurmurHash3), to spread nearby seeds apart. */
function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over a label, so that streams named differently never share a state. */
function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): fast, 128-bit state. */
export class Rng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(seed: number, label: string, index = 0) {
    this.reseed(seed, label, index);
  }

  /** Restarts the stream at (seed, label, index) without allocating. */
  reseed(seed: number, label: string, index = 0): void {
    const low = seed >>> 0;
    const high = Math.floor(seed / 0x1_0000_0000) >>> 0;
    const tag = hashLabel(label);
    this.a = mix32(low ^ tag);
    this.b = mix32(high + 0x9e3779b9 + tag);
    this.c = mix32(index ^ 0x632be5ab);
    this.d = mix32(Math.floor(index / 0x1_0000_0000) + 0x85157af5);
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** Faker's Randomizer interface: lets a Faker instance draw from this stream. */
  seed(value: number | number[]): void {
    const values = Array.isArray(value) ? value : [value];
    this.reseed(values[0] ?? 0, 'faker', values[1] ?? 0);
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 0x1_0000_0000;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick: liste vide');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of choices) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return choices[choices.length - 1]![0];
  }

  /** Up to `count` distinct items, in drawing order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < count && pool.length > 0) {
      const at = Math.floor(this.next() * pool.length);
      out.push(pool[at]!);
      pool[at] = pool[pool.length - 1]!;
      pool.pop();
    }
    return out;
  }

  /** `length` decimal digits, leading zeros allowed. */
  digits(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += String(Math.floor(this.next() * 10));
    return out;
  }

  /** A version-4-shaped UUID drawn from this stream, so ids repeat with the seed. */
  uuid(): string {
    const words = [this.nextUint32(), this.nextUint32(), this.nextUint32(), this.nextUint32()];
    words[1] = (words[1]! & 0xffff0fff) | 0x00004000;
    words[2] = (words[2]! & 0x3fffffff) | 0x80000000;
    const hex = words.map((word) => (word >>> 0).toString(16).padStart(8, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}
