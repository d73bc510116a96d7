#version 300 es
// (WebGL requires #version on the very first line, before any comment. The executor inserts the
// kernel's generated #defines right after it, so everything below may test them.)
// Shared prelude of every Layerloom GPU kernel (GLSL ES 3.00). Kernels are fragment shaders over
// RGBA32F render targets. Invariant of the tensor layout: a tensor of n elements is stored
// row-major and linearly packed, 4 consecutive elements per texel (texel t holds elements 4t..4t+3
// in r, g, b, a), and texel t sits at (t mod 4096, t / 4096) — a texture is either one row of at
// most 4096 texels or exactly 4096 texels wide. So one addressing rule serves every texture.
precision highp float;
precision highp int;
precision highp sampler2D;
precision highp usampler2D;

// The output: one packed texel (4 elements) for the kernel drivers below, a scalar for ad-hoc
// kernels (tests), or the kernel's own outputs (multiple render targets).
#if defined(LOOM_CUSTOM_OUT)
#elif defined(LOOM_TEXEL_MAIN) || defined(LOOM_ELEMENT_MAIN)
out vec4 outTexel;
#else
out float outValue;
#endif

// Flat element index of the texel being written, for an output `width` texels wide (one float per texel).
int outputIndex(int width) {
  ivec2 p = ivec2(gl_FragCoord.xy);
  return p.y * width + p.x;
}

// Index of the packed texel being written.
int outputTexel() {
  ivec2 p = ivec2(gl_FragCoord.xy);
  return (p.y << 12) + p.x;
}

// Packed texel `t` of a tensor texture. Sampled at the texel centre with NEAREST filtering, which
// is exact (sizes ≤ 4096 are exact in float32) and, on SwiftShader, about twice as fast as texelFetch.
vec4 loadTexel(sampler2D s, int t) {
  return texture(s, (vec2(float(t & 4095), float(t >> 12)) + 0.5) / vec2(textureSize(s, 0)));
}

// Element `i` of a tensor texture.
float load(sampler2D s, int i) {
  return loadTexel(s, i >> 2)[i & 3];
}

// eˣ to within about an ulp, like the CPU's correctly rounded Math.exp (a GPU's exp(x) is often
// exp2(x·log2 e), whose error grows with |x| and is magnified by softmax and tanh gradients):
// x = n·ln 2 + r with |r| ≤ ln 2 / 2 (Cody–Waite: n·LN2_HI is exact), eʳ by its Taylor series,
// then scaled by 2ⁿ exactly.
float loomExp(float x) {
  if (isnan(x)) return x;
  if (x > 88.7228391) return uintBitsToFloat(0x7f800000u);
  if (x < -103.972084) return 0.0;
  float n = floor(x * 1.44269504 + 0.5);
  float r = (x - n * 0.693145752) - n * 1.42860677e-6;
  float p = 1.0 + r * (1.0 + r * (0.5 + r * (1.0 / 6.0 + r * (1.0 / 24.0 + r * (1.0 / 120.0 +
    r * (1.0 / 720.0 + r * (1.0 / 5040.0)))))));
  // 2ⁿ as two exact powers built from their bits (n ∈ [−150, 128], so each is a normal float).
  int h = int(n) / 2;
  int l = int(n) - h;
  return p * intBitsToFloat((h + 127) << 23) * intBitsToFloat((l + 127) << 23);
}

// Activations shared by the unary kernel and fused Dense kernels, with the CPU kernels' semantics:
// relu keeps NaN; sigmoid and tanh never exponentiate a positive number (no overflow).
float loomRelu(float x) {
  return x > 0.0 ? x : (isnan(x) ? x : 0.0);
}

float loomSigmoid(float x) {
  if (x >= 0.0) return 1.0 / (1.0 + loomExp(-x));
  float e = loomExp(x);
  return e / (1.0 + e);
}

float loomTanh(float x) {
  float a = abs(x);
  // Below 0.5 the series keeps full relative precision where 1 − e^(−2a) would cancel.
  float y;
  if (a < 0.5) {
    float a2 = a * a;
    y = a * (1.0 + a2 * (-1.0 / 3.0 + a2 * (2.0 / 15.0 + a2 * (-17.0 / 315.0 + a2 * (62.0 / 2835.0 + a2 * (-1382.0 / 155925.0))))));
  } else {
    // 1 − 2t/(1 + t): the rounding error of the small correction term barely moves y near ±1,
    // where the gradient 1 − y² would magnify it.
    float t = loomExp(-2.0 * a);
    y = 1.0 - 2.0 * t / (1.0 + t);
  }
  return isnan(x) ? x : (x < 0.0 ? -y : y);
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

// Kernel drivers. A texel kernel defines texelValue(t) (all 4 elements of output texel t at once);
// an element kernel defines element(e) (one output element), called for the texel's 4 elements.
#if defined(LOOM_TEXEL_MAIN)
vec4 texelValue(int t);
void main() {
  outTexel = texelValue(outputTexel());
}
#elif defined(LOOM_ELEMENT_MAIN)
float element(int e);
void main() {
  int e = outputTexel() << 2;
  outTexel = vec4(element(e), element(e + 1), element(e + 2), element(e + 3));
}
#endif
