#version 300 es
// (WebGL requires #version on the very first line, before any comment.)
// Shared prelude of every Layerloom GPU kernel (GLSL ES 3.00). Kernels are fragment shaders that
// write one float32 element per output texel of an R32F render target; tensors live in R32F
// textures laid out row-major, `width` texels per row.
precision highp float;
precision highp int;
precision highp usampler2D;

out float outValue;

// Flat element index of the texel being written, for an output `width` texels wide.
int outputIndex(int width) {
  ivec2 p = ivec2(gl_FragCoord.xy);
  return p.y * width + p.x;
}

// Element `i` of a row-major tensor stored in texture `t`, `width` texels per row.
float fetch(sampler2D t, int width, int i) {
  return texelFetch(t, ivec2(i % width, i / width), 0).r;
}

// MurmurHash3_x86_32, the same bits as engine/random/hash.ts (uint arithmetic wraps mod 2^32, as
// Math.imul and >>> 0 do there). Dropout masks depend only on (seed, step, element index).
uint murmurMix(uint h, uint k) {
  k *= 0xcc9e2d51u;
  k = (k << 15u) | (k >> 17u);
  k *= 0x1b873593u;
  h ^= k;
  h = (h << 13u) | (h >> 19u);
  return h * 5u + 0xe6546b64u;
}

uint murmurFinish(uint h, uint lengthBytes) {
  h ^= lengthBytes;
  h ^= h >> 16u;
  h *= 0x85ebca6bu;
  h ^= h >> 13u;
  h *= 0xc2b2ae35u;
  h ^= h >> 16u;
  return h;
}

// 32 random bits for element `index` of the stream maskStream(seed, step) computed on the CPU.
uint maskBits(uint stream, uint index) {
  return murmurFinish(murmurMix(stream, index), 8u);
}

// Whether element `index` survives dropout: its top 24 hash bits reach keepThreshold(rate).
bool keepElement(uint stream, uint index, uint threshold) {
  return (maskBits(stream, index) >> 8u) >= threshold;
}
