// binary: add, sub, mul, div with NumPy broadcasting, chosen by one OP_* define.
// Generated before this file: in0/in1(e) read the broadcast inputs; ALIGNED = texel-at-a-time.
#if defined(OP_ADD)
#define APPLY(a, b) ((a) + (b))
#elif defined(OP_SUB)
#define APPLY(a, b) ((a) - (b))
#elif defined(OP_MUL)
#define APPLY(a, b) ((a) * (b))
#elif defined(OP_DIV)
#define APPLY(a, b) ((a) / (b))
#endif

#ifdef ALIGNED
vec4 texelValue(int t) {
  return APPLY(in0x4(t), in1x4(t));
}
#else
float element(int e) {
  return APPLY(in0(e), in1(e));
}
#endif
