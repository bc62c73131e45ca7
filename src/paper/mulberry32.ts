/**
 * mulberry32: a tiny seeded PRNG (32-bit state) so price paths are reproducible for a seed without a dependency.
 * Not for anything secret. Returns a function yielding floats in [0, 1).
 * @see https://gist.github.com/tommyettinger/46a874533244883189143505d203312c (public-domain algorithm)
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A mulberry32 stream whose 32-bit state can be read and set (so a paper exchange can persist where it is). */
export interface Mulberry32Stream {
  /** The next float in [0, 1), as mulberry32(seed) would yield it. */
  next(): number;
  /** The internal state: a stream set to it continues exactly where the other one was. */
  state: number;
}

/** mulberry32 with its state exposed; `mulberry32Stream(seed).next` yields the same sequence as mulberry32(seed). */
export function mulberry32Stream(seed: number): Mulberry32Stream {
  const stream = {
    state: seed >>> 0,
    next(): number {
      stream.state = (stream.state + 0x6d2b79f5) >>> 0;
      let t = stream.state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    },
  };
  return stream;
}

/**
 * Derives an independent 32-bit seed for one stream (e.g. one stock) from a master seed and a label, so adding a
 * stock to the account file does not change the paths of the others. FNV-1a over the label, mixed with the seed.
 */
export function deriveSeed(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
