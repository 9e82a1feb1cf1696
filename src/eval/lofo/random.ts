/**
 * A small seeded pseudo-random generator for fold assignment: a Weyl sequence (step 0x9E3779B9,
 * the 32-bit golden ratio) passed through the 32-bit MurmurHash3 finaliser. The same seed gives
 * the same stream on every platform; it is for shuffling, not for cryptography.
 *
 * @example
 * const next = seededRandom(42);
 * const u = next(); // in [0, 1)
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    return (z >>> 0) / 4294967296;
  };
}

/** Shuffles `values` in place (Fisher–Yates) with the generator. */
export function shuffleInPlace(values: Uint32Array | number[], next: () => number): void {
  for (let i = values.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    const swap = values[i];
    values[i] = values[j];
    values[j] = swap;
  }
}

/**
 * A seed derived from a base seed and a few integers (e.g. the fold), so that each fold's
 * learners get their own deterministic seed whatever order the folds run in.
 */
export function deriveSeed(seed: number, ...parts: readonly number[]): number {
  let h = seed >>> 0;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x9e3779b1) >>> 0;
    h = (h ^ (h >>> 15)) >>> 0;
  }
  return Math.imul(h ^ (h >>> 13), 0x85ebca6b) >>> 0;
}
