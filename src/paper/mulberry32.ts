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
