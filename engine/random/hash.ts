// Counter-based hashing for dropout masks: element i of a mask is a pure function of
// (seed, step, i), so masks need no state, the gradient recomputes the forward mask exactly, and a
// GPU shader can produce the same bits.
//
// Invariant: only 32-bit unsigned integer arithmetic — Math.imul (multiply mod 2^32), >>>, <<, |,
// ^ and addition reduced with >>> 0 — so every function here maps 1:1 onto GLSL ES 3.00 `uint`
// operations (*, >>, <<, |, ^, +, all wrapping mod 2^32). The hash is MurmurHash3_x86_32 of the
// 8 bytes (step, index) as little-endian uint32 words, seeded with `seed`.

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/** One MurmurHash3_x86_32 body round: mixes the uint32 word `k` into the state `h`. */
export function murmurMix(h: number, k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) >>> 0;
}

/** MurmurHash3_x86_32's finaliser after `lengthBytes` bytes were mixed in. */
export function murmurFinish(h: number, lengthBytes: number): number {
  h ^= lengthBytes;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** MurmurHash3_x86_32 of uint32 words (little-endian bytes) with a uint32 seed. */
export function murmur3Words(words: readonly number[], seed: number): number {
  let h = seed >>> 0;
  for (const w of words) h = murmurMix(h, w >>> 0);
  return murmurFinish(h, 4 * words.length);
}

/**
 * The per-(seed, step) state of a mask stream: hash state after the seed and the step word.
 * A shader receives this as a uniform and finishes each element with `maskBits`.
 */
export function maskStream(seed: number, step: number): number {
  return murmurMix(seed >>> 0, step >>> 0);
}

/** 32 random bits for element `index` of the stream: murmur3Words([step, index], seed). */
export function maskBits(stream: number, index: number): number {
  return murmurFinish(murmurMix(stream, index >>> 0), 8);
}

/**
 * Keep-threshold for a drop rate: element i is kept iff (maskBits >>> 8) ≥ threshold, i.e.
 * u(i) = (bits >>> 8) / 2^24 ≥ rate. Comparing 24-bit integers keeps CPU and GPU identical even
 * though a shader only has float32.
 */
export function keepThreshold(rate: number): number {
  return Math.ceil(rate * 16777216);
}

/** u(i) in [0, 1): the 24 top bits of the element's hash (exactly representable in float32). */
export function maskUniform(seed: number, step: number, index: number): number {
  return (maskBits(maskStream(seed, step), index) >>> 8) / 16777216;
}
